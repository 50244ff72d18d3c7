import { createPrivateKey } from 'node:crypto'
import { loadConfig, RequiredInProduction, serviceConfigSchema } from '@driver/kit'
import { Type, type Static } from 'typebox'

/** A P-256 private key in PEM (PKCS#8); env files carry its newlines as `\n`. */
function isSessionPrivateKey (value: string): boolean {
  try {
    return createPrivateKey(value.replaceAll('\\n', '\n')).asymmetricKeyDetails?.namedCurve === 'prime256v1'
  } catch {
    return false
  }
}

export const ResumesConfigSchema = serviceConfigSchema(3002, {
  /** PEM (PKCS#8, P-256) that signs WeChat sessions; only this service holds it. */
  SESSION_PRIVATE_KEY: RequiredInProduction(Type.Refine(
    Type.String({ minLength: 1 }),
    isSessionPrivateKey,
    () => 'must be a P-256 private key in PEM (PKCS#8); `node scripts/env-file.mjs` writes one'
  ))
})
export type ResumesConfig = Static<typeof ResumesConfigSchema>

export const loadResumesConfig = (env: Record<string, string | undefined>): ResumesConfig => loadConfig(ResumesConfigSchema, env)
