/**
 * An ECDSA signature (r, s) verifies as (r, n − s) too, and base64url leaves
 * unused bits in the last character of 64 bytes: without a rule, one session
 * has several spellings that all verify. ES256 signatures are r‖s, 32 bytes
 * each (RFC 7518 §3.4); the one accepted spelling is the canonical base64url
 * of those 64 bytes with s ≤ n/2 ("low-S"). Node's ECDSA does not normalise,
 * so the signer does.
 */

/** The order n of P-256, and its half. */
const ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n
const HALF_ORDER = Buffer.from((ORDER / 2n).toString(16).padStart(64, '0'), 'hex')
const SIGNATURE_BYTES = 64
const SIGNATURE_CHARS = 86

/** True when the token's signature segment is the one accepted spelling (it may still be wrong). */
export function hasCanonicalSignature (token: string): boolean {
  const signature = token.slice(token.lastIndexOf('.') + 1)
  if (signature.length !== SIGNATURE_CHARS) return false
  const bytes = Buffer.from(signature, 'base64url')
  if (bytes.length !== SIGNATURE_BYTES || bytes.toString('base64url') !== signature) return false
  return bytes.subarray(32).compare(HALF_ORDER) <= 0
}

/** The same token with its signature in low-S form. */
export function withLowS (token: string): string {
  const cut = token.lastIndexOf('.') + 1
  const bytes = Buffer.from(token.slice(cut), 'base64url')
  if (bytes.length !== SIGNATURE_BYTES || bytes.subarray(32).compare(HALF_ORDER) <= 0) return token
  const s = BigInt(`0x${bytes.subarray(32).toString('hex')}`)
  Buffer.from((ORDER - s).toString(16).padStart(64, '0'), 'hex').copy(bytes, 32)
  return `${token.slice(0, cut)}${bytes.toString('base64url')}`
}
