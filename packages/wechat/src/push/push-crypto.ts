import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto'

/**
 * WeChat's server push, signed and (in safe mode) encrypted as its message
 * encryption document describes: a SHA-1 of the sorted strings joined, and
 * AES-256-CBC with the key from `EncodingAESKey`, the IV its first 16 bytes and
 * PKCS#7 padding to 32-byte blocks around 16 random bytes, a 4-byte big-endian
 * length, the message and the app id.
 */

/** 43 characters of base64 that decode, with the `=` WeChat leaves off, to 32 bytes. */
export const ENCODING_AES_KEY = /^[A-Za-z0-9+/]{43}$/

const PKCS7_BLOCK = 32
const RANDOM_BYTES = 16
const LENGTH_BYTES = 4

/** The hex SHA-1 of the parts sorted (as strings, by code unit) and joined: WeChat's `signature`. */
export function pushSignature (parts: readonly string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex')
}

/** Whether `given` is the signature of `parts`, compared in constant time. */
export function isPushSignature (given: string | undefined, parts: readonly string[]): boolean {
  if (given === undefined) return false
  const expected = Buffer.from(pushSignature(parts))
  const actual = Buffer.from(given.toLowerCase())
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** The 32-byte AES key an `EncodingAESKey` stands for. */
export function pushAesKey (encodingAesKey: string): Buffer {
  if (!ENCODING_AES_KEY.test(encodingAesKey)) throw new RangeError('EncodingAESKey must be 43 base64 characters')
  return Buffer.from(`${encodingAesKey}=`, 'base64')
}

/** Why an `Encrypt` element was not read. */
export type DecryptFailure = 'base64' | 'padding' | 'length' | 'appid'

export type DecryptResult = { ok: true, message: string } | { ok: false, reason: DecryptFailure }

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/** The padding WeChat adds: 1 to 32 bytes, each the count. Anything else was not encrypted with our key. */
function unpad (plain: Buffer): Buffer | null {
  const count = plain.at(-1) ?? 0
  if (count < 1 || count > PKCS7_BLOCK || count > plain.length) return null
  for (let index = plain.length - count; index < plain.length; index++) {
    if (plain[index] !== count) return null
  }
  return plain.subarray(0, plain.length - count)
}

/**
 * The message inside an `Encrypt` element, if it decrypts with `key` to a
 * well-formed plain text that names `appId` after the message.
 */
export function decryptPush (encrypted: string, key: Buffer, appId: string): DecryptResult {
  if (!BASE64.test(encrypted)) return { ok: false, reason: 'base64' }
  const bytes = Buffer.from(encrypted, 'base64')
  // Whole AES blocks only, and at least the random bytes, the length and one block of padding.
  if (bytes.length % 16 !== 0 || bytes.length < RANDOM_BYTES + LENGTH_BYTES + 1) return { ok: false, reason: 'length' }
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false)
  const plain = unpad(Buffer.concat([decipher.update(bytes), decipher.final()]))
  if (plain === null) return { ok: false, reason: 'padding' }
  if (plain.length < RANDOM_BYTES + LENGTH_BYTES) return { ok: false, reason: 'length' }
  const length = plain.readUInt32BE(RANDOM_BYTES)
  const start = RANDOM_BYTES + LENGTH_BYTES
  if (length > plain.length - start) return { ok: false, reason: 'length' }
  const id = plain.subarray(start + length)
  if (!id.equals(Buffer.from(appId))) return { ok: false, reason: 'appid' }
  return { ok: true, message: plain.subarray(start, start + length).toString('utf8') }
}
