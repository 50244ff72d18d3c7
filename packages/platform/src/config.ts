import { join, resolve } from 'node:path'
import { ConfigError, loadConfig } from '@driver/kit'
import { generateSessionKeyPair, type SessionKeyPair } from '@driver/kit/session'
import { GatewayConfigSchema } from '@driver/gateway'
import { IdentityConfigSchema } from '@driver/identity'
import { JS_DOMAINS_PATTERN, MediaConfigSchema } from '@driver/media'
import { ResumesConfigSchema } from '@driver/resumes'
import { SmsBaseConfigSchema, SmsProviderConfigSchema } from '@driver/sms'
import { Type, type Static } from 'typebox'

/**
 * One process, one schema: every service's variables and the gateway's. The
 * gateway's come last, so PORT is the public port; services listen on loopback.
 */
export const PlatformConfigSchema = Type.Intersect([
  Type.Object({
    ...IdentityConfigSchema.properties,
    ...ResumesConfigSchema.properties,
    ...MediaConfigSchema.properties,
    // Unset means this gateway's own hosts outside production (platform.ts), so no default here.
    WECHAT_JS_DOMAINS: Type.Optional(Type.String({ pattern: JS_DOMAINS_PATTERN })),
    ...SmsBaseConfigSchema.properties,
    // Unset means the WeChat simulator outside production (wechat-or-simulator.ts), so no default here.
    WECHAT_API_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
    WECHAT_OPEN_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
    // WECHAT_MP_URL comes with the gateway's (optional, no default): unset, the simulator shows the QR codes.
    ...GatewayConfigSchema.properties
  }),
  SmsProviderConfigSchema
])
export type PlatformConfig = Static<typeof PlatformConfigSchema>

export function loadPlatformConfig (env: Record<string, string | undefined>): PlatformConfig {
  return loadConfig(PlatformConfigSchema, env)
}

type SessionKeyNames = 'SESSION_PRIVATE_KEY' | 'SESSION_PUBLIC_KEY'

/** A developer's laptop gets a fresh key pair per start; a pair given in config is used as is. */
export function sessionKeys (config: Pick<PlatformConfig, SessionKeyNames>): SessionKeyPair {
  const { SESSION_PRIVATE_KEY: privateKey, SESSION_PUBLIC_KEY: publicKey } = config
  if (privateKey && publicKey) return { privateKey, publicKey }
  if (privateKey || publicKey) {
    const missing = privateKey ? 'SESSION_PUBLIC_KEY' : 'SESSION_PRIVATE_KEY'
    throw new ConfigError([missing], [`${missing} is required when its pair is set`])
  }
  return generateSessionKeyPair()
}

/** Where the simulators keep what a restart must not lose (MeFP's accounts, WeChat's people). */
export const simulatorDataDir = (config: Pick<PlatformConfig, 'DATA_DIR'>): string =>
  join(resolve(config.DATA_DIR), 'simulators')

/**
 * What a build without the simulators says when it is asked for one (a deploy output started
 * outside production without `variable`): a configuration problem, not a crash.
 */
export const withoutSimulators = (variable: 'WECHAT_API_URL' | 'MEFP_URL') => (error: unknown): never => {
  if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error
  throw new ConfigError([variable], [
    `${variable} is required: this build has no simulators (@driver/simulators is for development only); ` +
    'give the real address, or NODE_ENV=production'
  ])
}
