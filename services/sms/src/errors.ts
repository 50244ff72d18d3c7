import { createError, createExposedError } from '@driver/kit'

/** Refusals the user reads; on /wx they answer 200 with the message (DESIGN §3). */
export const InvalidPhoneError = createError('SMS_INVALID_PHONE', '错误的手机号码', 400)
export const ResendTooSoonError = createError('SMS_RESEND_TOO_SOON', '发送过于频繁，请%d秒后再试', 400)
export const DailyLimitError = createError('SMS_DAILY_LIMIT', '今日验证码发送次数已达上限，请明天再试', 400)
/** Sends asked for from one client address in the current hour, whichever route or service asked. */
export const IpSendLimitError = createError('SMS_IP_LIMIT', '该网络获取验证码过于频繁，请稍后再试', 400)
/** The platform's SMS budget (SMS_SENDS_PER_HOUR / SMS_SENDS_PER_DAY) is spent: nothing more is sent. */
export const SendBudgetError = createError('SMS_BUDGET_EXHAUSTED', '短信发送量已达平台上限，请稍后再试', 400)
export const WrongCodeError = createError('SMS_CODE_WRONG', '验证码错误', 400)
export const ExpiredCodeError = createError('SMS_CODE_EXPIRED', '验证码已过期，请重新获取', 400)
export const TooManyTriesError = createError('SMS_CODE_LOCKED', '验证码错误次数过多，请重新获取', 400)

/** The provider did not deliver; the user may try again, and their limits are untouched. */
export const SmsProviderError = createExposedError('SMS_PROVIDER_FAILED', '短信发送失败，请稍后再试', 502)

/**
 * The log-side account of a failed Aliyun SendSms, kept as the `cause` of the
 * user-facing `SmsProviderError`. Its text is built only from Aliyun's `Code`,
 * `RequestId` and the HTTP status: Aliyun's own `Message` can quote the string
 * it signed (phone, TemplateParam with the code), so it is dropped.
 */
export const AliyunSendSmsError = createError('SMS_ALIYUN_SEND_FAILED', 'Aliyun SendSms failed: %s', 502)
