import { createError } from '@driver/kit'
import { SmsProviderError } from './sms-provider.js'

export const AliyunOptionsError = createError('SMS_ALIYUN_OPTIONS', 'Aliyun SMS option %s is missing or invalid', 500)

/**
 * The log-side account of a failed SendSms, kept as the `cause` of the
 * client-facing `SmsProviderError`. Its text is built only from Aliyun's
 * `Code`, `RequestId` and the HTTP status: Aliyun's own `Message` can quote
 * the string it signed (phone, TemplateParam with the code), so it is dropped.
 */
export const AliyunSendSmsError = createError('SMS_ALIYUN_SEND_FAILED', 'Aliyun SendSms failed: %s', 502)

export interface AliyunFailure {
  /** Aliyun's answer `Code`, e.g. `isv.BUSINESS_LIMIT_CONTROL` or `SignatureDoesNotMatch`. */
  aliyunCode?: string
  /** Aliyun's `RequestId`, the handle its support asks for. */
  requestId?: string
  httpStatus?: number
}

export type SmsProviderFailure = InstanceType<typeof SmsProviderError> & AliyunFailure

export function aliyunFailure (summary: string, failure: AliyunFailure, cause?: unknown): SmsProviderFailure {
  const detail = cause === undefined ? new AliyunSendSmsError(summary) : new AliyunSendSmsError(summary, { cause })
  const known = Object.entries(failure).filter(([, value]) => value !== undefined)
  return Object.assign(new SmsProviderError({ cause: detail }), Object.fromEntries(known))
}
