import { loadConfig, serviceConfigSchema } from '@driver/kit'
import { Type, type Static } from 'typebox'

export const ResumesConfigSchema = serviceConfigSchema(3002, {
  /** PEM (PKCS#8, P-256) that signs WeChat sessions; only this service holds it. */
  SESSION_PRIVATE_KEY: Type.Optional(Type.String({ minLength: 1 }))
})
export type ResumesConfig = Static<typeof ResumesConfigSchema>

export const loadResumesConfig = (env: Record<string, string | undefined>): ResumesConfig => loadConfig(ResumesConfigSchema, env)
