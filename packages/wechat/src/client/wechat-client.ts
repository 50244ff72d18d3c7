import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Logger } from '@driver/contracts'
import type { Store } from '@driver/store'
import { createCredentialCache, type CredentialCache, type CredentialCacheOptions } from '../cache/credential-cache.js'
import { credentialRecords } from '../cache/credential-records.js'
import { AccessTokenAnswer, JsapiTicketAnswer } from '../schemas/wechat-answers.js'
import { isTokenRejected } from '../wechat-error.js'
import { accountCalls, type QrCodeRequest, type WechatQrCode, type WechatSubscriber } from './account-calls.js'
import {
  authorizeUrl, oauthCalls, type AuthorizeUrlOptions, type WechatOAuthToken, type WechatUserInfo
} from './oauth.js'
import { createWechatHttp, type WechatBytes } from './wechat-http.js'
import type { WechatMetrics } from './wechat-metrics.js'

export interface WechatClientOptions {
  /** `WECHAT_API_URL`: `https://api.weixin.qq.com`, or the simulator. */
  apiUrl: string
  /** `WECHAT_OPEN_URL`: the host of the OAuth authorize page. */
  openUrl: string
  appId: string
  secret: string
  /**
   * The shared cache of the access_token and jsapi_ticket;
   * required by `accessToken`, `jsapiTicket`, `downloadMedia`, `createQrCode` and `subscriberInfo`.
   */
  store?: Store
  /** Gets refreshes, take-overs and refused tokens; never a secret, token, ticket or code. */
  logger?: Logger
  /** Connect, headers, and body-between-chunks timeout; also a JSON call's whole duration. Default 10 000. */
  timeoutMs?: number
  /** How early a cached value is refreshed; at least 200 (WeChat's advice), default 300. */
  refreshMarginSeconds?: number
  /** Milliseconds since the epoch, for tests; default `Date.now`. */
  clock?: () => number
  /** Calls, errors and refreshes counted on a service's registry (`wechatMetrics`); nothing counted without. */
  metrics?: WechatMetrics
}

/** A temporary media's bytes, streamed: consume `body` or destroy it. */
export type WechatMedia = WechatBytes

export interface WechatClient {
  /** The official account's access_token, from the shared cache (refreshed by one caller across every process). */
  accessToken: () => Promise<string>
  /** The JS-SDK jsapi_ticket, cached like the token. */
  jsapiTicket: () => Promise<string>
  /**
   * Temporary media (`/cgi-bin/media/get`), streamed. A JSON or text answer is a
   * `WechatError` (40007 for an unknown or expired id). When WeChat refuses the
   * token (40001, 40014, 42001) the token is expired (only if still the stored
   * one), refreshed, and the download retried once, before any byte is handed out.
   * An abort through `signal` rejects with the signal's reason.
   */
  downloadMedia: (mediaId: string, options?: { signal?: AbortSignal }) => Promise<WechatMedia>
  /**
   * `/cgi-bin/qrcode/create`: a permanent code (`QR_LIMIT_STR_SCENE`), or a temporary one
   * (`QR_STR_SCENE`) when `expireSeconds` is given, for a string scene.
   */
  createQrCode: (request: QrCodeRequest) => Promise<WechatQrCode>
  /** `/cgi-bin/user/info` of a follower (or someone who no longer follows), in Chinese. */
  subscriberInfo: (openid: string) => Promise<WechatSubscriber>
  /** The page to send a browser to for the web OAuth2 login. */
  authorizeUrl: (options: AuthorizeUrlOptions) => string
  /** `/sns/oauth2/access_token`: a code (single use, 5 minutes) for the user's token and openid. */
  exchangeCode: (code: string) => Promise<WechatOAuthToken>
  /** `/sns/oauth2/refresh_token`. */
  refreshOAuthToken: (refreshToken: string) => Promise<WechatOAuthToken>
  /** `/sns/userinfo` in Chinese (`lang=zh_CN`); needs a `snsapi_userinfo` token. */
  userInfo: (accessToken: string, openid: string) => Promise<WechatUserInfo>
  /** Closes the connections; in-flight calls fail. */
  close: () => Promise<void>
}

const MIN_REFRESH_MARGIN_SECONDS = 200

export function createWechatClient (options: WechatClientOptions): WechatClient {
  const { appId, secret, store, logger } = options
  const timeoutMs = options.timeoutMs ?? 10_000
  const refreshMarginSeconds = options.refreshMarginSeconds ?? 300
  if (!/^https?:\/\//.test(options.apiUrl)) throw new RangeError('apiUrl must be an http(s) URL')
  if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be positive')
  if (!(refreshMarginSeconds >= MIN_REFRESH_MARGIN_SECONDS)) {
    throw new RangeError(`refreshMarginSeconds must be at least ${MIN_REFRESH_MARGIN_SECONDS}`)
  }

  const http = createWechatHttp({ apiUrl: options.apiUrl, timeoutMs, metrics: options.metrics })
  const records = store === undefined ? undefined : credentialRecords(store)
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const cacheOf = (
    kind: 'access_token' | 'jsapi_ticket', api: string, fetch: CredentialCacheOptions['fetch'], leaseMs: number
  ) => {
    if (records === undefined) throw new TypeError(`the WeChat ${kind} needs the client's store option`)
    return createCredentialCache({
      records, kind, appId, api, fetch, holder, logger, leaseMs, metrics: options.metrics,
      clock: options.clock ?? Date.now,
      refreshMarginMs: refreshMarginSeconds * 1000,
      waitMs: leaseMs + 2 * timeoutMs
    })
  }

  let tokenCache: CredentialCache | undefined
  const tokens = () => (tokenCache ??= cacheOf('access_token', '/cgi-bin/token', async () => {
    const query = { grant_type: 'client_credential', appid: appId, secret }
    const answer = await http.json('/cgi-bin/token', query, AccessTokenAnswer)
    return { value: answer.access_token, expiresIn: answer.expires_in }
  }, 3 * timeoutMs))

  /** Runs `call` with the token; if WeChat refuses the token, once more with a renewed one. */
  async function withToken<T> (call: (token: string) => Promise<T>): Promise<T> {
    const token = await tokens().get()
    try {
      return await call(token)
    } catch (error) {
      if (!isTokenRejected(error)) throw error
      return await call(await tokens().renew(token))
    }
  }

  let ticketCache: CredentialCache | undefined
  // The ticket's refresh includes the token's (and perhaps a renewal): a longer lease.
  const tickets = () => (ticketCache ??= cacheOf('jsapi_ticket', '/cgi-bin/ticket/getticket', async () => {
    const answer = await withToken((token) =>
      http.json('/cgi-bin/ticket/getticket', { access_token: token, type: 'jsapi' }, JsapiTicketAnswer))
    return { value: answer.ticket, expiresIn: answer.expires_in }
  }, 6 * timeoutMs))

  return {
    accessToken: async () => await tokens().get(),
    jsapiTicket: async () => await tickets().get(),
    downloadMedia: async (mediaId, { signal } = {}) =>
      await withToken((token) => http.bytes('/cgi-bin/media/get', { access_token: token, media_id: mediaId }, signal)),
    ...accountCalls(http, withToken),
    authorizeUrl: (authorize) => authorizeUrl(options.openUrl, appId, authorize),
    ...oauthCalls(http, appId, secret),
    close: () => http.close()
  }
}
