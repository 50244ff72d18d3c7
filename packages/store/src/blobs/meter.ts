import { createHash } from 'node:crypto'
import type { BlobSource } from '../blob-store.js'
import { BlobTooLargeError } from '../errors.js'

/**
 * Counts, hashes and limits a byte stream as it passes, one chunk at a time, so a blob is never
 * held in memory whole. Past `maxBytes` it throws `BlobTooLargeError` before yielding the chunk
 * that crossed the limit.
 */
export class Meter {
  length = 0
  readonly #hash = createHash('sha256')
  readonly #maxBytes: number
  #digest: string | undefined

  constructor (maxBytes = Number.POSITIVE_INFINITY) {
    this.#maxBytes = maxBytes
  }

  async * pass (source: BlobSource): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      this.length += bytes.byteLength
      if (this.length > this.#maxBytes) throw new BlobTooLargeError(this.#maxBytes)
      this.#hash.update(bytes)
      yield bytes
    }
  }

  /** Hex SHA-256 of everything passed; call it once the source is exhausted. */
  digest (): string {
    this.#digest ??= this.#hash.digest('hex')
    return this.#digest
  }
}
