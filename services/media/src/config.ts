import { CommonConfigSchema, loadConfig } from '@driver/kit'
import { Type, type Static } from 'typebox'

export const MediaConfigSchema = Type.Object({
  ...CommonConfigSchema.properties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3003 })
})
export type MediaConfig = Static<typeof MediaConfigSchema>

export function loadMediaConfig (env: Record<string, string | undefined>): MediaConfig {
  return loadConfig(MediaConfigSchema, env)
}
