import type { AppPlugin } from '@driver/kit'
import { defineService, type ServiceOptions } from '@driver/kit/service'
import { wechatPlugin, type WechatClient } from '@driver/wechat'
import type { ResumesConfig } from './config.js'
import { phoneVerifiedHandler } from './messages/phone-verified-handler.js'
import { wxApplicationsDecideHandler } from './messages/wx-applications-decide-handler.js'
import { wxApplicationsFindHandler } from './messages/wx-applications-find-handler.js'
import { wxApplicationsListHandler } from './messages/wx-applications-list-handler.js'
import { attributedDrivers } from './plugins/app/attributed-drivers.js'
import { followerRepository } from './plugins/app/follower-repository.js'
import { follows } from './plugins/app/follows.js'
import { imageCheck } from './plugins/app/image-check.js'
import { loginStateRepository } from './plugins/app/login-state-repository.js'
import { pushReceipts } from './plugins/app/push-receipts.js'
import { resumeFields } from './plugins/app/resume-fields.js'
import { resumeItemOperations } from './plugins/app/resume-item-operations.js'
import { resumeItemRepository } from './plugins/app/resume-item-repository.js'
import { resumeReader } from './plugins/app/resume-reader.js'
import { resumeRepository } from './plugins/app/resume-repository.js'
import { sessionCookies } from './plugins/app/session-cookies.js'
import { wechatLoginFlow } from './plugins/app/wechat-login-flow.js'
import { wxApplicationRepository } from './plugins/app/wx-application-repository.js'
import { wechatPush } from './plugins/app/wechat-push.js'
import { wxUserRepository } from './plugins/app/wx-user-repository.js'
import { wxRoutes } from './routes/wx/index.js'

export interface ResumesAppOptions extends ServiceOptions<ResumesConfig> {
  /** Tests set the day ages and experience years are counted on. */
  clock?: () => Date
  /** Tests hand in a WeChat client; otherwise WECHAT_* configure one. */
  wechat?: WechatClient
}

/** A browser waits on WeChat during its login redirect: WeChat answers quickly or not at all. */
const WECHAT_TIMEOUT_MS = 5_000

/** The resumes service, in order: outside systems (WeChat), data and rules, routes, messages. */
const resumesApp: AppPlugin<ResumesAppOptions> = async (app, { config, clock, wechat }) => {
  // The login uses each user's own tokens: no shared access_token cache, so no store.
  await app.register(wechatPlugin, { config, client: wechat, timeoutMs: WECHAT_TIMEOUT_MS })

  const rules = { timeZone: config.TIME_ZONE, clock }
  await app.register(wxUserRepository)
  await app.register(imageCheck)
  await app.register(resumeRepository)
  await app.register(resumeItemRepository)
  await app.register(resumeFields, rules)
  await app.register(resumeItemOperations, rules)
  await app.register(resumeReader, rules)
  await app.register(wxApplicationRepository)
  await app.register(attributedDrivers, rules)
  await app.register(loginStateRepository)
  await app.register(sessionCookies, {
    privateKey: config.SESSION_PRIVATE_KEY, secure: config.NODE_ENV === 'production'
  })
  await app.register(wechatLoginFlow, { callbackUrl: config.WECHAT_OAUTH_CALLBACK_URL })
  await app.register(followerRepository)
  await app.register(follows)
  await app.register(pushReceipts)
  await app.register(wechatPush, {
    token: config.WECHAT_PUSH_TOKEN,
    encodingAesKey: config.WECHAT_ENCODING_AES_KEY,
    appId: config.WECHAT_APPID,
    ...(clock === undefined ? {} : { clock: () => clock().getTime() })
  })

  await app.register(wxRoutes, { prefix: '/wx', timeZone: config.TIME_ZONE })
  await app.register(phoneVerifiedHandler)
  // The user center's reviewers decide applications (identity asks: /users/wx_applications).
  await app.register(wxApplicationsListHandler)
  await app.register(wxApplicationsFindHandler)
  await app.register(wxApplicationsDecideHandler, { clock })
}

export const resumesService = defineService<ResumesAppOptions>(
  'resumes',
  'WeChat users, their sessions and resumes (/wx/resume/*, /wx/self_info/*, /wx/auth/*, /wx/sales/*).',
  resumesApp
)
