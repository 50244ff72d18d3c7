import type { AppPlugin } from '@driver/kit'
import { defineService, type ServiceOptions } from '@driver/kit/service'
import { wechatPlugin, type WechatClient } from '@driver/wechat'
import { assertQuotaFits, type MediaConfig } from './config.js'
import { parseJsDomains } from './domain/js-domains.js'
import { createQrCodeHandler } from './messages/create-qr-code-handler.js'
import { describeImageHandler } from './messages/describe-image-handler.js'
import { readImageHandler } from './messages/read-image-handler.js'
import { userInfoHandler } from './messages/user-info-handler.js'
import { imageRepository } from './plugins/app/image-repository.js'
import { imageStorage } from './plugins/app/image-storage.js'
import { jsSdkConfig } from './plugins/app/js-sdk-config.js'
import { uploadQuota, type UploadQuota } from './plugins/app/upload-quota.js'
import { wechatMedia } from './plugins/app/wechat-media.js'
import { wxRoutes } from './routes/wx/index.js'

export interface MediaAppOptions extends ServiceOptions<MediaConfig> {
  /** Tests hand in a WeChat client; otherwise one is made from WECHAT_* and the service's store. */
  wechat?: WechatClient
  /** Tests fix the JS-SDK timestamp and the upload quota's day. */
  clock?: () => Date
  /** A quota that checks nothing, for the benchmark's uploads without it and photos stored before it. */
  uploadQuota?: UploadQuota
}

/** A photo download may be large, but WeChat must start answering (and keep sending) within this. */
const WECHAT_TIMEOUT_MS = 10_000

const quotaOptionsOf = (config: MediaConfig) => ({
  imagesPerDay: config.MEDIA_USER_IMAGES_PER_DAY,
  bytesPerDay: config.MEDIA_USER_BYTES_PER_DAY,
  imagesTotal: config.MEDIA_USER_IMAGES_TOTAL,
  // Until a photo is stored, it may weigh as much as the largest one allowed.
  reserve: config.MEDIA_MAX_BYTES,
  timeZone: config.TIME_ZONE
})

/** The media service, in order: outside systems (WeChat), data and rules, routes, messages. */
const mediaApp: AppPlugin<MediaAppOptions> = async (app, { config, wechat, clock, uploadQuota: quota }) => {
  // The access token and the JS-SDK ticket are cached in the service's store (DESIGN §2: media owns
  // the cache), so every media process shares one token and one refresh, and none invalidates another's.
  await app.register(wechatPlugin, { config, client: wechat, store: app.store, timeoutMs: WECHAT_TIMEOUT_MS })

  await app.register(imageRepository)
  await app.register(imageStorage, { maxBytes: config.MEDIA_MAX_BYTES })
  assertQuotaFits(config)
  if (quota !== undefined) app.decorate('uploadQuota', quota)
  else await app.register(uploadQuota, { ...quotaOptionsOf(config), clock })
  await app.register(wechatMedia, { downloadTimeoutMs: config.MEDIA_DOWNLOAD_TIMEOUT_MS })
  await app.register(jsSdkConfig, {
    appId: config.WECHAT_APPID ?? '', domains: parseJsDomains(config.WECHAT_JS_DOMAINS), clock
  })

  await app.register(wxRoutes, { prefix: '/wx', maxBytes: config.MEDIA_MAX_BYTES })

  await app.register(describeImageHandler)
  await app.register(readImageHandler)
  // The other services' calls with the official account's token: one cache, so nobody invalidates another's token.
  await app.register(createQrCodeHandler, { mpUrl: config.WECHAT_MP_URL })
  await app.register(userInfoHandler)
}

export const mediaService = defineService<MediaAppOptions>(
  'media',
  'Photos downloaded from WeChat or uploaded, served back, and the JS-SDK configuration.',
  mediaApp
)
