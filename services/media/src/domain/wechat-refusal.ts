import { WECHAT_NOT_BYTES_ERRCODE, WechatTransportErrcode } from '@driver/wechat'
import {
  NotAnImageError, WechatBusyError, WechatMediaInvalidError, WechatRefusedError, WechatUnavailableError
} from '../errors.js'

/** WeChat's "invalid media_id": temporary media live three days, and a serverId is the page's to mistype. */
const INVALID_MEDIA = 40007
/** WeChat's own "system busy", and the account's call-rate limits (per minute, per day). */
const BUSY = new Set([-1, 45009, 45011])
/** The client's codes for WeChat not answering at all, or answering something that is not WeChat's. */
const OUT_OF_REACH: ReadonlySet<number> = new Set(Object.values(WechatTransportErrcode))

/**
 * What a driver reads for one of WeChat's errcodes. WeChat out of reach (down,
 * timed out, garbage answered, a download broken off) is an outage on our side,
 * a 503. Anything else WeChat refuses is named by its errcode, so a driver's
 * report tells support which.
 */
export function wechatRefusal (errcode: number): Error {
  if (OUT_OF_REACH.has(errcode)) return new WechatUnavailableError()
  if (errcode === INVALID_MEDIA) return new WechatMediaInvalidError()
  if (errcode === WECHAT_NOT_BYTES_ERRCODE) return new NotAnImageError()
  if (BUSY.has(errcode)) return new WechatBusyError()
  return new WechatRefusedError(String(errcode))
}

/**
 * Errcodes that mean the account is misconfigured (app id, secret,
 * IP allow-list…) rather than a driver's mistake or a busy WeChat.
 */
export function needsOperator (errcode: number): boolean {
  return errcode > 0 && errcode !== INVALID_MEDIA && !BUSY.has(errcode)
}
