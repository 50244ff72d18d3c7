import { CommonConfigSchema, loadConfig } from '@driver/kit'
import { Type, type Static } from 'typebox'

export const ResumesConfigSchema = Type.Object({
  ...CommonConfigSchema.properties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3002 }),
  /** PEM (PKCS#8, P-256) that signs WeChat sessions; only this service holds it. */
  SESSION_PRIVATE_KEY: Type.Optional(Type.String({ minLength: 1 }))
})
export type ResumesConfig = Static<typeof ResumesConfigSchema>

export function loadResumesConfig (env: Record<string, string | undefined>): ResumesConfig {
  return loadConfig(ResumesConfigSchema, env)
}
