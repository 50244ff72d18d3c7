import { createPrivateKey } from 'node:crypto'
import { loadConfig, RequiredInProduction, serviceConfigSchema } from '@driver/kit'
import { WechatConfigProperties } from '@driver/wechat'
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
  )),
  /** WECHAT_API_URL, WECHAT_OPEN_URL, WECHAT_APPID, WECHAT_SECRET: the official account users log in with. */
  ...WechatConfigProperties,
  /**
   * WeChat's `redirect_uri`: this site's `/wx/auth/callback` as browsers reach it
   * (through the gateway), on the domain registered with the official account.
   */
  WECHAT_OAUTH_CALLBACK_URL: RequiredInProduction(Type.String({ pattern: '^https?://[^/?#]+/[^?#]*$' })),
  /** The Token set beside the server address in the official account's settings: signs WeChat's pushes. */
  WECHAT_PUSH_TOKEN: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{3,32}$' })),
  /** The EncodingAESKey of the same settings (43 characters): safe and compatible modes. */
  WECHAT_ENCODING_AES_KEY: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{43}$' }))
})

/** The all-in-one gateway's address on a laptop, when WECHAT_OAUTH_CALLBACK_URL is not set. */
export const DEVELOPMENT_CALLBACK_URL = 'http://127.0.0.1:8080/wx/auth/callback'
export type ResumesConfig = Static<typeof ResumesConfigSchema>

export const loadResumesConfig = (env: Record<string, string | undefined>): ResumesConfig =>
  loadConfig(ResumesConfigSchema, env)
