import { createExposedError } from '@driver/kit'

export type SmsPurpose = 'register' | 'reset_password' | 'wx_bind'

export interface VerificationMessage {
  phone: string
  code: string
  purpose: SmsPurpose
}

/**
 * Something that delivers a verification code to a phone. A failure throws
 * `SmsProviderError`; the caller then leaves the user's send limits untouched.
 */
export interface SmsProvider {
  readonly name: string
  send: (message: VerificationMessage) => Promise<void>
}

export const SmsProviderError = createExposedError('SMS_PROVIDER_FAILED', '短信发送失败，请稍后再试', 502)
