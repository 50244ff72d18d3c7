import { createCipheriv, createDecipheriv } from 'node:crypto'

/**
 * The AES key and IV shared with MeFP, as seed 004 keeps them: `mefp.secret`
 * (32 bytes, the AES-256 key) and `app.secret` (16 bytes, the IV), both text
 * whose UTF-8 bytes are the key material.
 */
export interface MefpKeys {
  secret: string
  iv: string
}

/** Text that is not one of our encrypted JSON values; `reason` never quotes it. */
export class MefpCodecError extends Error {
  readonly code = 'IDENTITY_MEFP_UNDECRYPTABLE'

  constructor (readonly reason: 'base64' | 'padding' | 'json') {
    super(`MeFP data could not be read (${reason})`)
    this.name = 'MefpCodecError'
  }
}

export interface MefpCodec {
  /** JSON text of `value`, AES-256-CBC with PKCS#7 padding, as standard Base64. */
  encrypt: (value: unknown) => string
  /** The JSON value inside; throws `MefpCodecError` for bad Base64, padding or JSON. */
  decrypt: (text: string) => unknown
}

/** Standard Base64 with its padding, as MeFP's PHP `base64_encode` writes it; whitespace is not allowed. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
const BLOCK = 16

/** The key material as bytes, checked once: a wrong length is a configuration fault, not a MeFP answer. */
export function keyBytesOf ({ secret, iv }: MefpKeys): { key: Buffer, iv: Buffer } {
  const key = Buffer.from(secret, 'utf8')
  const ivBytes = Buffer.from(iv, 'utf8')
  if (key.length !== 32) throw new RangeError(`the MeFP key must be 32 bytes, not ${key.length}`)
  if (ivBytes.length !== BLOCK) throw new RangeError(`the MeFP IV must be 16 bytes, not ${ivBytes.length}`)
  return { key, iv: ivBytes }
}

/** Base64 text as bytes, or undefined when it is not strict Base64 of whole AES blocks. */
export function ciphertextOf (text: string): Buffer | undefined {
  if (text.length === 0 || !BASE64.test(text)) return undefined
  const bytes = Buffer.from(text, 'base64')
  return bytes.length > 0 && bytes.length % BLOCK === 0 ? bytes : undefined
}

export function createMefpCodec (keys: MefpKeys): MefpCodec {
  const { key, iv } = keyBytesOf(keys)
  return {
    encrypt (value) {
      const cipher = createCipheriv('aes-256-cbc', key, iv)
      return Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]).toString('base64')
    },

    decrypt (text) {
      const bytes = ciphertextOf(text)
      if (bytes === undefined) throw new MefpCodecError('base64')
      let plain: Buffer
      try {
        const decipher = createDecipheriv('aes-256-cbc', key, iv)
        plain = Buffer.concat([decipher.update(bytes), decipher.final()])
      } catch {
        throw new MefpCodecError('padding')
      }
      try {
        return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain)) as unknown
      } catch {
        throw new MefpCodecError('json')
      }
    }
  }
}
