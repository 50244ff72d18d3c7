import { generateKeyPairSync } from 'node:crypto'
import { createSigner } from 'fast-jwt'

/** Sessions are ES256 JWTs: only the signer holds the private key, the gateway verifies with the public one. */
export const SESSION_ALGORITHM = 'ES256'

export interface SessionClaims {
  /** The WeChat user's id (24-hex). */
  sub: string
  openid?: string
}

export interface SessionKeyPair { privateKey: string, publicKey: string }

export function generateSessionKeyPair (): SessionKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString()
  }
}

/** PEM keys arrive through env files with literal `\n`. */
export function pemFromEnv (value: string): string {
  return value.includes('\\n') ? value.replaceAll('\\n', '\n') : value
}

export type SessionSigner = (claims: SessionClaims) => string

export function createSessionSigner (privateKey: string, expiresInSeconds = 7 * 24 * 3600): SessionSigner {
  const sign = createSigner({ key: pemFromEnv(privateKey), algorithm: SESSION_ALGORITHM, expiresIn: expiresInSeconds * 1000 })
  return (claims) => sign({ ...claims })
}
