import type { SmsPurpose } from '@driver/contracts'

export interface VerificationMessage {
  phone: string
  code: string
  purpose: SmsPurpose
}

/**
 * Something that delivers a verification code to a phone. A failure throws
 * `SmsProviderError`; the caller then leaves the user's send limits untouched.
 * Each provider is a plugin of its own (`log-sms-provider.ts`,
 * `aliyun-sms-provider.ts`) named `sms-provider`; `SMS_PROVIDER` picks one.
 */
export interface SmsProvider {
  readonly name: string
  send: (message: VerificationMessage) => Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    smsProvider: SmsProvider
  }
}
