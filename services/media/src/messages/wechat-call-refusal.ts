import { describeFailure } from '@driver/kit'
import type { Logger } from '@driver/contracts'
import { WechatError } from '@driver/wechat'
import { needsOperator, wechatRefusal } from '../domain/wechat-refusal.js'

/**
 * WeChat's refusal of a call made for another service, as the reply's
 * `{reason, code}` (the same words a driver reads for a download). Anything
 * that is not WeChat's error is thrown on: the bus reports it as a failure.
 */
export function wechatCallRefusal (error: unknown, log: Logger): { reason: string, code: string } {
  if (!(error instanceof WechatError)) throw error
  const details = { api: error.api, errcode: error.errcode, errmsg: error.errmsg }
  if (needsOperator(error.errcode)) log.error(details, 'WeChat refused the official account')
  else log.warn(details, 'WeChat call failed')
  const failure = describeFailure(wechatRefusal(error.errcode))
  return { reason: failure.message, code: failure.code }
}
