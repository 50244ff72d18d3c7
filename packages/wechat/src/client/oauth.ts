import type { OAuthTokenAnswer, UserInfoAnswer } from '../schemas/wechat-answers.js'
import { OAuthTokenAnswer as OAuthTokenSchema, UserInfoAnswer as UserInfoSchema } from '../schemas/wechat-answers.js'
import type { WechatHttp } from './wechat-http.js'

/** A user's web OAuth2 token: `accessToken` works for `userInfo`, `refreshToken` (30 days) renews it. */
export interface WechatOAuthToken {
  accessToken: string
  expiresIn: number
  refreshToken: string
  openid: string
  scope: string
  unionid?: string
}

/** A user's profile from `/sns/userinfo`. `sex`: 0 unknown, 1 male, 2 female. */
export interface WechatUserInfo {
  openid: string
  nickname: string
  sex: number
  province: string
  city: string
  country: string
  headimgurl: string
  unionid?: string
}

export type OAuthScope = 'snsapi_userinfo' | 'snsapi_base'

export interface AuthorizeUrlOptions {
  /** Where WeChat sends the browser back with `code` and `state`; its host must be the account's authorised domain. */
  redirectUri: string
  /** Echoed back unchanged; WeChat allows only `a-zA-Z0-9`, at most 128 characters. */
  state: string
  /**
   * `snsapi_userinfo` (default) asks the user and gives a profile; `snsapi_base` is silent and gives only the openid.
   */
  scope?: OAuthScope
}

const STATE = /^[A-Za-z0-9]{1,128}$/

/**
 * WeChat's authorize page URL, exactly as its documentation spells it: the
 * parameters in this order and `#wechat_redirect` at the end (without it the
 * page may not open in WeChat on some devices).
 */
export function authorizeUrl (
  openUrl: string, appId: string, { redirectUri, state, scope = 'snsapi_userinfo' }: AuthorizeUrlOptions
): string {
  if (!STATE.test(state)) throw new RangeError('state must be 1 to 128 letters and digits (WeChat allows nothing else)')
  if (!/^https?:\/\//.test(redirectUri)) throw new RangeError('redirectUri must be an absolute http(s) URL')
  const base = openUrl.endsWith('/') ? openUrl.slice(0, -1) : openUrl
  return `${base}/connect/oauth2/authorize?appid=${encodeURIComponent(appId)}` +
    `&redirect_uri=${encodeURIComponent(redirectUri)}` +
    `&response_type=code&scope=${scope}&state=${state}#wechat_redirect`
}

function oauthToken (answer: OAuthTokenAnswer): WechatOAuthToken {
  const token: WechatOAuthToken = {
    accessToken: answer.access_token,
    expiresIn: answer.expires_in,
    refreshToken: answer.refresh_token,
    openid: answer.openid,
    scope: answer.scope
  }
  if (answer.unionid !== undefined) token.unionid = answer.unionid
  return token
}

function userInfo (answer: UserInfoAnswer): WechatUserInfo {
  const { openid, nickname, sex, province, city, country, headimgurl, unionid } = answer
  return { openid, nickname, sex, province, city, country, headimgurl, ...(unionid === undefined ? {} : { unionid }) }
}

/** The web OAuth2 calls; they use the user's tokens, not the account's, so nothing here is cached. */
export function oauthCalls (http: WechatHttp, appId: string, secret: string) {
  return {
    async exchangeCode (code: string): Promise<WechatOAuthToken> {
      const query = { appid: appId, secret, code, grant_type: 'authorization_code' }
      return oauthToken(await http.json('/sns/oauth2/access_token', query, OAuthTokenSchema))
    },
    async refreshOAuthToken (refreshToken: string): Promise<WechatOAuthToken> {
      const query = { appid: appId, grant_type: 'refresh_token', refresh_token: refreshToken }
      return oauthToken(await http.json('/sns/oauth2/refresh_token', query, OAuthTokenSchema))
    },
    async userInfo (accessToken: string, openid: string): Promise<WechatUserInfo> {
      const query = { access_token: accessToken, openid, lang: 'zh_CN' }
      return userInfo(await http.json('/sns/userinfo', query, UserInfoSchema))
    }
  }
}
