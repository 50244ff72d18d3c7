import { loadConfig, serviceConfigSchema } from '@driver/kit'
import type { Static } from 'typebox'

export const MediaConfigSchema = serviceConfigSchema(3003, {})
export type MediaConfig = Static<typeof MediaConfigSchema>

export const loadMediaConfig = (env: Record<string, string | undefined>): MediaConfig => loadConfig(MediaConfigSchema, env)
