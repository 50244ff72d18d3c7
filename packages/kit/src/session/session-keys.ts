import { createPublicKey, generateKeyPairSync } from 'node:crypto'

/** Sessions are ES256 JWTs: only the signer holds the private key, the gateway verifies with the public one. */
export const SESSION_ALGORITHM = 'ES256'

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

/** The public half of a private key, so a signer needs only its one secret. */
export function publicKeyOf (privateKey: string): string {
  return createPublicKey(pemFromEnv(privateKey)).export({ type: 'spki', format: 'pem' }).toString()
}
