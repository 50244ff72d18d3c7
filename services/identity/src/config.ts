import { loadConfig, serviceConfigSchema } from '@driver/kit'
import type { Static } from 'typebox'

export const IdentityConfigSchema = serviceConfigSchema(3001, {})
export type IdentityConfig = Static<typeof IdentityConfigSchema>

export const loadIdentityConfig = (env: Record<string, string | undefined>): IdentityConfig => loadConfig(IdentityConfigSchema, env)
