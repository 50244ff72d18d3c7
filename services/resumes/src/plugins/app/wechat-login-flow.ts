import fp from 'fastify-plugin'
import { loginMetrics } from '@driver/kit'
import { WechatError, type WechatOAuthToken, type WechatUserInfo } from '@driver/wechat'
import { DEVELOPMENT_CALLBACK_URL } from '../../config.js'
import { loginRedirectPath } from '../../domain/login-redirect.js'
import {
  PROFILE_SCOPE, SILENT_SCOPE, needsProfile, sameLoginState, type LoginScope
} from '../../domain/login-state.js'
import { LoginRedirectError, LoginStateError, WechatDeclinedError, WechatLoginError } from '../../errors.js'
import type { WechatLogin, WxUser } from './wx-user-repository.js'

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

/** Where to send the browser next: WeChat's authorize page, with the state to bind to this browser. */
export interface ToWechat {
  authorizeUrl: string
  state: string
}

/** The end of a login: the session's user and where to go now. */
export interface LoggedIn {
  user: WxUser
  redirect: string
}

export interface WechatLoginFlow {
  /**
   * A new login, silent (`snsapi_base`): the authorize URL to send the browser
   * to and the state to bind to it. Refuses a redirect off this site.
   */
  begin: (redirect: string | undefined) => Promise<ToWechat>
  /**
   * WeChat sent the browser back: the state checked and spent. A known user with a
   * profile is logged in; after a silent login of anyone else, WeChat again, for
   * the profile (`snsapi_userinfo`), which saves the user.
   */
  complete: (back: LoginReturn) => Promise<LoggedIn | ToWechat>
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

/** What a consented login stores: WeChat's profile and the user's tokens. */
function loginOf (tokens: WechatOAuthToken, info: WechatUserInfo): WechatLogin {
  const unionid = info.unionid ?? tokens.unionid
  return {
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
  }
}

/** WeChat's web OAuth login (DESIGN §3): authorize, come back with a code, exchange it, save the user. */
export const wechatLoginFlow = fp<WechatLoginFlowOptions>(async (app, { callbackUrl = DEVELOPMENT_CALLBACK_URL }) => {
  const { wechat } = app
  const counted = loginMetrics(app.metrics)

  async function askWechat<T> (call: () => Promise<T>): Promise<T> {
    try {
      return await call()
    } catch (error) {
      app.log.warn(failureDetails(error), 'WeChat login failed')
      counted.failed('wx_wechat')
      throw new WechatLoginError()
    }
  }

  /** A login state missing, reused or forged; or none of the user's consent. */
  const refused = (kind: 'wx_state' | 'wx_declined'): Error => {
    counted.failed(kind)
    return kind === 'wx_state' ? new LoginStateError() : new WechatDeclinedError()
  }

  async function toWechat (redirect: string, scope: LoginScope): Promise<ToWechat> {
    const state = await app.loginStates.issue({ redirect, scope })
    return { authorizeUrl: wechat.authorizeUrl({ redirectUri: callbackUrl, state, scope }), state }
  }

  /** A consented login: WeChat's profile fills what the user has not set, the tokens are refreshed. */
  async function saveProfile (code: string): Promise<WxUser> {
    const { tokens, info } = await askWechat(async () => {
      const tokens = await wechat.exchangeCode(code)
      return { tokens, info: await wechat.userInfo(tokens.accessToken, tokens.openid) }
    })
    return await app.wxUsers.saveLogin(loginOf(tokens, info))
  }

  app.decorate('wechatLogin', {
    async begin (redirect) {
      const path = loginRedirectPath(redirect)
      if (path === null) throw new LoginRedirectError()
      return await toWechat(path, SILENT_SCOPE)
    },
    async complete ({ code, state, cookieState }) {
      // The cookie proves this browser started the login (no login CSRF); the store that it is used once.
      if (state === undefined || !sameLoginState(state, cookieState)) throw refused('wx_state')
      const login = await app.loginStates.consume(state)
      if (login === null) throw refused('wx_state')
      // WeChat comes back without a code when the user declines.
      if (!code) throw refused('wx_declined')
      const { redirect } = login
      if (login.scope === PROFILE_SCOPE) {
        const user = await saveProfile(code)
        app.log.info({ wxUserId: user._id }, 'WeChat user logged in')
        return { user, redirect }
      }
      // Silent: the openid only. Its tokens cannot read a profile, so the consented ones stay stored.
      const { openid } = await askWechat(async () => await wechat.exchangeCode(code))
      const known = await app.wxUsers.findByOpenid(openid)
      if (known === null || needsProfile(known)) {
        app.log.info(known === null ? {} : { wxUserId: known._id }, 'WeChat profile asked for')
        return await toWechat(redirect, PROFILE_SCOPE)
      }
      app.log.info({ wxUserId: known._id }, 'WeChat user logged in silently')
      return { user: known, redirect }
    }
  } satisfies WechatLoginFlow)
}, { name: 'wechat-login-flow', dependencies: ['wechat', 'login-state-repository', 'wx-user-repository'] })
