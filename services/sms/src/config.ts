import { loadConfig, RequiredInProduction, serviceConfigSchema } from '@driver/kit'
import { Type, type Static } from 'typebox'

export const SmsBaseConfigSchema = serviceConfigSchema(3004, {
  /** Keys the stored code hashes; required in production, random per start otherwise. */
  SMS_CODE_SECRET: RequiredInProduction(Type.String({ minLength: 32 })),
  SMS_IP_SENDS_PER_HOUR: Type.Integer({ minimum: 1, default: 20 }),
  SMS_IP_CHECKS_PER_HOUR: Type.Integer({ minimum: 1, default: 60 }),
  /** What the platform may spend on SMS in all, across every process. */
  SMS_SENDS_PER_HOUR: Type.Integer({ minimum: 1, default: 1000 }),
  SMS_SENDS_PER_DAY: Type.Integer({ minimum: 1, default: 10000 })
})

/** `SMS_PROVIDER` picks one shape: `aliyun` requires its four settings, so they are checked once, here. */
export const SmsProviderConfigSchema = Type.Union([
  Type.Object({
    /** `log` writes "code sent" to the log and the message to the dev outbox. */
    SMS_PROVIDER: Type.Literal('log', { default: 'log' })
  }),
  Type.Object({
    SMS_PROVIDER: Type.Literal('aliyun'),
    ALIYUN_SMS_ENDPOINT: Type.String({ pattern: '^https?://', default: 'https://dysmsapi.aliyuncs.com' }),
    ALIYUN_SMS_ACCESS_KEY_ID: Type.String({ minLength: 1 }),
    ALIYUN_SMS_ACCESS_KEY_SECRET: Type.String({ minLength: 1 }),
    ALIYUN_SMS_SIGN_NAME: Type.String({ minLength: 1 }),
    ALIYUN_SMS_TEMPLATE_CODE: Type.String({ minLength: 1 })
  })
])
export type SmsProviderConfig = Static<typeof SmsProviderConfigSchema>

export const SmsConfigSchema = Type.Intersect([SmsBaseConfigSchema, SmsProviderConfigSchema])
export type SmsConfig = Static<typeof SmsConfigSchema>

export const loadSmsConfig = (env: Record<string, string | undefined>): SmsConfig => loadConfig(SmsConfigSchema, env)
