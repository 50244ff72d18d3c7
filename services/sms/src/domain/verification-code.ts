import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'

export const CODE_LENGTH = 6

/** A uniformly random 6-digit code from the OS CSPRNG (leading zeros kept). */
export function generateCode (): string {
  return randomInt(0, 10 ** CODE_LENGTH).toString().padStart(CODE_LENGTH, '0')
}

/**
 * Codes are stored as an HMAC keyed by a server secret and bound to the phone
 * and purpose: a leaked table cannot be brute-forced over the 10^6 codes
 * without the key, and a code for one purpose never verifies another.
 */
export function hashCode (secret: string, phone: string, purpose: string, code: string): string {
  return createHmac('sha256', secret).update(`${phone}\n${purpose}\n${code}`).digest('hex')
}

/** Compares two stored hashes in constant time. */
export function hashesMatch (expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'hex')
  const b = Buffer.from(actual, 'hex')
  return a.length === b.length && timingSafeEqual(a, b)
}
