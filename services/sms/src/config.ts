import { CommonConfigSchema, loadConfig } from '@driver/kit'
import { Type, type Static } from 'typebox'

export const SmsConfigSchema = Type.Object({
  ...CommonConfigSchema.properties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3004 }),
  /** `log` writes "code sent" to the log and the dev outbox; `aliyun` sends real messages. */
  SMS_PROVIDER: Type.Union([Type.Literal('log'), Type.Literal('aliyun')], { default: 'log' }),
  /** Keys the stored code hashes; required in production, random per start otherwise. */
  SMS_CODE_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  SMS_IP_SENDS_PER_HOUR: Type.Integer({ minimum: 1, default: 20 }),
  SMS_IP_CHECKS_PER_HOUR: Type.Integer({ minimum: 1, default: 60 }),
  ALIYUN_SMS_ENDPOINT: Type.String({ pattern: '^https?://', default: 'https://dysmsapi.aliyuncs.com' }),
  ALIYUN_SMS_ACCESS_KEY_ID: Type.Optional(Type.String({ minLength: 1 })),
  ALIYUN_SMS_ACCESS_KEY_SECRET: Type.Optional(Type.String({ minLength: 1 })),
  ALIYUN_SMS_SIGN_NAME: Type.Optional(Type.String({ minLength: 1 })),
  ALIYUN_SMS_TEMPLATE_CODE: Type.Optional(Type.String({ minLength: 1 }))
})
export type SmsConfig = Static<typeof SmsConfigSchema>

export function loadSmsConfig (env: Record<string, string | undefined>): SmsConfig {
  return loadConfig(SmsConfigSchema, env)
}
