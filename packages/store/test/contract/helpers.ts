import { createHash } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'

/** The error a promise rejects with (fails the caller's assertions if it resolves). */
export async function rejection (promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  return new Error('expected a rejection, the promise resolved')
}

/** `size` deterministic pseudo-random bytes in `chunkSize` pieces, generated as they are read. */
export async function * generated (size: number, chunkSize = 64 * 1024, seed = 1): AsyncGenerator<Uint8Array> {
  let state = seed
  for (let offset = 0; offset < size; offset += chunkSize) {
    const chunk = Buffer.alloc(Math.min(chunkSize, size - offset))
    for (let index = 0; index < chunk.length; index++) {
      state = (state * 1103515245 + 12345) >>> 0
      chunk[index] = state >>> 24
    }
    yield chunk
  }
}

export async function digestOf (
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>
): Promise<{ sha256: string, length: number }> {
  const hash = createHash('sha256')
  let length = 0
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    hash.update(bytes)
    length += bytes.byteLength
  }
  return { sha256: hash.digest('hex'), length }
}

/** Polls `check` until it holds or the deadline passes; one check when the deadline is 0. */
export async function eventually (
  check: () => Promise<boolean>, deadlineMs: number, intervalMs = 500
): Promise<boolean> {
  const deadline = Date.now() + deadlineMs
  for (;;) {
    if (await check()) return true
    if (Date.now() >= deadline) return false
    await sleep(intervalMs)
  }
}
