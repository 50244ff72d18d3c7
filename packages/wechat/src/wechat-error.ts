/**
 * Errcodes this client gives when WeChat did not answer at all, or answered
 * something that is not WeChat's. They are negative, like every errcode that
 * means "try again later", and far from WeChat's own `-1` ("system busy") so a
 * log line tells the two apart.
 */
export const WechatTransportErrcode = {
  /** Connection refused or reset, DNS failure, TLS failure. */
  unreachable: -1000,
  /** No answer (or no next chunk of it) within `timeoutMs`, or another process's refresh was waited on for too long. */
  timeout: -1001,
  /** An answer that is not WeChat's: an HTTP error status, not JSON, a JSON of the wrong shape, too large. */
  badAnswer: -1002
} as const

/**
 * `/cgi-bin/media/get` answered WeChat's JSON without an errcode where bytes were due: what it
 * gives for a video media (its `video_url`). WeChat answered, so this is not a transport failure;
 * the media id names something that is not a picture.
 */
export const WECHAT_NOT_BYTES_ERRCODE = -1003

/** WeChat's answers to a call made with an access_token that is no longer (or never was) valid. */
const TOKEN_REJECTED = new Set([40001, 40014, 42001])

/** True when WeChat refused the access_token itself: 40001 invalid, 40014 malformed, 42001 expired. */
export function isTokenRejected (error: unknown): error is WechatError {
  return error instanceof WechatError && TOKEN_REJECTED.has(error.errcode)
}

/**
 * Every failure of a WeChat call: WeChat's own `errcode` and `errmsg`, or a
 * negative `WechatTransportErrcode`. The message names the API path only, never
 * its query (which carries the secret, a token or a code).
 */
export class WechatError extends Error {
  readonly code = 'WECHAT_ERROR'
  readonly errcode: number
  readonly errmsg: string
  /** The API path called, e.g. `/cgi-bin/media/get`. */
  readonly api: string

  constructor (api: string, errcode: number, errmsg: string, options?: ErrorOptions) {
    super(`WeChat ${api} failed: ${errcode} ${errmsg}`, options)
    this.name = 'WechatError'
    this.api = api
    this.errcode = errcode
    this.errmsg = errmsg
  }
}
