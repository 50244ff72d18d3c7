import { CommonConfigSchema, loadConfig } from '@driver/kit'
import { Type, type Static } from 'typebox'

export const SmsConfigSchema = Type.Object({
  ...CommonConfigSchema.properties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3004 })
})
export type SmsConfig = Static<typeof SmsConfigSchema>

export function loadSmsConfig (env: Record<string, string | undefined>): SmsConfig {
  return loadConfig(SmsConfigSchema, env)
}
