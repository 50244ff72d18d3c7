import { loadConfig, RequiredInProduction, serviceConfigSchema } from '@driver/kit'
import { Type, type Static } from 'typebox'

/** A key given as text whose UTF-8 bytes are the AES key or IV, as seed 004 keeps `mefp.secret` and `app.secret`. */
const KeyOfBytes = (bytes: number, what: string) => Type.Refine(
  Type.String({ minLength: 1 }),
  (value) => Buffer.byteLength(value, 'utf8') === bytes,
  () => `must be exactly ${bytes} bytes (${what})`
)

export const IdentityConfigSchema = serviceConfigSchema(3001, {
  /** The MeFP portal; the all-in-one mode runs its simulator when unset outside production. */
  MEFP_URL: RequiredInProduction(Type.String({ pattern: '^https?://' })),
  /** AES-256-CBC key shared with MeFP (`mefp.secret`): 32 bytes. */
  MEFP_SECRET: RequiredInProduction(KeyOfBytes(32, 'the AES-256 key shared with MeFP')),
  /** AES-256-CBC IV shared with MeFP (`app.secret`): 16 bytes. */
  APP_SECRET: RequiredInProduction(KeyOfBytes(16, 'the AES IV shared with MeFP')),
  /** Keys the HMAC inside `/users` tokens. */
  TOKEN_SECRET: RequiredInProduction(Type.String({ minLength: 32 })),
  /** Callers allowed on `POST /users/token` (checked again here, after the gateway). */
  MEFP_ALLOWED_IPS: Type.String({ default: '' }),
  /** Login names that are administrators: role 9, empty area, on register or activate. */
  IDENTITY_ADMINS: Type.String({ default: '' }),
  /** How long MeFP may take to answer, ms. */
  MEFP_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 5000 })
})
export type IdentityConfig = Static<typeof IdentityConfigSchema>

export const loadIdentityConfig = (env: Record<string, string | undefined>): IdentityConfig =>
  loadConfig(IdentityConfigSchema, env)
