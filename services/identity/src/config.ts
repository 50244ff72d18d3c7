import { CommonConfigSchema, loadConfig } from '@driver/kit'
import { Type, type Static } from 'typebox'

export const IdentityConfigSchema = Type.Object({
  ...CommonConfigSchema.properties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3001 })
})
export type IdentityConfig = Static<typeof IdentityConfigSchema>

export function loadIdentityConfig (env: Record<string, string | undefined>): IdentityConfig {
  return loadConfig(IdentityConfigSchema, env)
}
