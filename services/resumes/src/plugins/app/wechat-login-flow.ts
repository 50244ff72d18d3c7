import fp from 'fastify-plugin'
import { WechatError, type WechatOAuthToken, type WechatUserInfo } from '@driver/wechat'
import { DEVELOPMENT_CALLBACK_URL } from '../../config.js'
import { loginRedirectPath } from '../../domain/login-redirect.js'
import { WECHAT_LOGIN_SCOPE, sameLoginState } from '../../domain/login-state.js'
import { LoginRedirectError, LoginStateError, WechatDeclinedError, WechatLoginError } from '../../errors.js'
import type { WxUser } from './wx-user-repository.js'

export interface WechatLoginFlowOptions {
  /**
   * The absolute URL of `/wx/auth/callback` as browsers reach it: WeChat's
   * `redirect_uri`. The all-in-one gateway's on a laptop by default.
   */
  callbackUrl?: string
}

/** What WeChat appended to the callback, and the state this browser's cookie held. */
export interface LoginReturn {
  code?: string
  state?: string
  cookieState?: string
}

export interface WechatLoginFlow {
  /**
   * A new login: the authorize URL to send the browser to and
   * the state to bind to it. Refuses a redirect off this site.
   */
  begin: (redirect: string | undefined) => Promise<{ authorizeUrl: string, state: string }>
  /** WeChat sent the browser back: the state checked and spent, the user saved, and where to go now. */
  complete: (back: LoginReturn) => Promise<{ user: WxUser, redirect: string }>
}

declare module 'fastify' {
  interface FastifyInstance {
    wechatLogin: WechatLoginFlow
  }
}

/**
 * What a failed WeChat call may log: WeChat's errcode and text
 * and the API path, never a query (it holds the code and secret).
 */
function failureDetails (error: unknown): Record<string, unknown> {
  if (error instanceof WechatError) return { errcode: error.errcode, errmsg: error.errmsg, api: error.api }
  return { reason: error instanceof Error ? error.name : typeof error }
}

/** WeChat's web OAuth login (DESIGN §3): authorize, come back with a code, exchange it, save the user. */
export const wechatLoginFlow = fp<WechatLoginFlowOptions>(async (app, { callbackUrl = DEVELOPMENT_CALLBACK_URL }) => {
  const { wechat } = app

  async function askWechat (code: string): Promise<{ tokens: WechatOAuthToken, info: WechatUserInfo }> {
    try {
      const tokens = await wechat.exchangeCode(code)
      return { tokens, info: await wechat.userInfo(tokens.accessToken, tokens.openid) }
    } catch (error) {
      app.log.warn(failureDetails(error), 'WeChat login failed')
      throw new WechatLoginError()
    }
  }

  app.decorate('wechatLogin', {
    async begin (redirect) {
      const path = loginRedirectPath(redirect)
      if (path === null) throw new LoginRedirectError()
      const state = await app.loginStates.issue(path)
      const authorizeUrl = wechat.authorizeUrl({ redirectUri: callbackUrl, state, scope: WECHAT_LOGIN_SCOPE })
      return { authorizeUrl, state }
    },
    async complete ({ code, state, cookieState }) {
      // The cookie proves this browser started the login (no login CSRF); the store that it is used once.
      if (state === undefined || !sameLoginState(state, cookieState)) throw new LoginStateError()
      const redirect = await app.loginStates.consume(state)
      if (redirect === null) throw new LoginStateError()
      // WeChat comes back without a code when the user declines.
      if (!code) throw new WechatDeclinedError()
      const { tokens, info } = await askWechat(code)
      const unionid = info.unionid ?? tokens.unionid
      const user = await app.wxUsers.saveLogin({
        openid: tokens.openid,
        ...(unionid ? { unionid } : {}),
        nick_name: info.nickname,
        sex: info.sex,
        country: info.country,
        province: info.province,
        city: info.city,
        head_img_url: info.headimgurl,
        access_token: tokens.accessToken,
        expires_in: tokens.expiresIn,
        time: new Date(),
        refresh_token: tokens.refreshToken
      })
      app.log.info({ wxUserId: user._id }, 'WeChat user logged in')
      return { user, redirect }
    }
  } satisfies WechatLoginFlow)
}, { name: 'wechat-login-flow', dependencies: ['wechat', 'login-state-repository', 'wx-user-repository'] })
