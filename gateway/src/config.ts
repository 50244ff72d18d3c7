import { CommonConfigSchema, ConfigError, addressMatcher, listOf, loadConfig } from '@driver/kit'
import { Type, type Static } from 'typebox'

const UpstreamUrl = Type.String({ pattern: '^https?://' })

export const GatewayConfigSchema = Type.Object({
  ...CommonConfigSchema.properties,
  TRUST_PROXY: Type.String({ default: '' }),
  MEFP_ALLOWED_IPS: Type.String({ default: '' }),
  SESSION_PUBLIC_KEY: Type.Optional(Type.String({ minLength: 1 })),
  IDENTITY_URL: Type.Optional(UpstreamUrl),
  RESUMES_URL: Type.Optional(UpstreamUrl),
  MEDIA_URL: Type.Optional(UpstreamUrl),
  SMS_URL: Type.Optional(UpstreamUrl),
  RATE_LIMIT_MAX: Type.Integer({ minimum: 1, default: 300 }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({ minimum: 1000, default: 60_000 }),
  BODY_LIMIT: Type.Integer({ minimum: 1024, default: 1024 * 1024 }),
  UPLOAD_BODY_LIMIT: Type.Integer({ minimum: 1024, default: 12 * 1024 * 1024 }),
  UPSTREAM_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 30_000 })
})
export type GatewayConfig = Static<typeof GatewayConfigSchema>

/** Address lists are checked at start so that a typo stops the process instead of locking MeFP out. */
export function checkAddressLists (config: Pick<GatewayConfig, 'TRUST_PROXY' | 'MEFP_ALLOWED_IPS'>): void {
  const bad: string[] = []
  for (const name of ['TRUST_PROXY', 'MEFP_ALLOWED_IPS'] as const) {
    try {
      addressMatcher(listOf(config[name]))
    } catch {
      bad.push(name)
    }
  }
  if (bad.length > 0) throw new ConfigError(bad, bad.map((name) => `${name} must list IP addresses or CIDRs`))
}

export function loadGatewayConfig (env: Record<string, string | undefined>): GatewayConfig {
  const config = loadConfig(GatewayConfigSchema, env)
  checkAddressLists(config)
  return config
}
