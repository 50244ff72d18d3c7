import type { ImageContentType } from '@driver/contracts'
import { SNIFF_BYTES, imageTypeOf } from '../../domain/image-type.js'
import { NotAnImageError } from '../../errors.js'

export interface SniffedImage {
  contentType: ImageContentType
  /** Every byte of the source, the sniffed ones first; consuming it drains the source. */
  bytes: AsyncGenerator<Uint8Array>
}

/**
 * Reads only the first few KB of a byte stream, long enough to tell its type,
 * and refuses anything but an image before a byte is stored. The rest is still
 * unread: what follows is streamed, never held, whatever the size.
 */
export async function sniffImage (source: AsyncIterable<Uint8Array>): Promise<SniffedImage> {
  const rest = source[Symbol.asyncIterator]()
  const head: Uint8Array[] = []
  let length = 0
  let ended = false
  try {
    while (length < SNIFF_BYTES) {
      const next = await rest.next()
      if (next.done === true) {
        ended = true
        break
      }
      head.push(next.value)
      length += next.value.byteLength
    }
    const contentType = await imageTypeOf(Buffer.concat(head))
    if (contentType === undefined) throw new NotAnImageError()
    return { contentType, bytes: replay(head, ended ? undefined : rest) }
  } catch (error) {
    // Stops the source (a Readable is destroyed), so a refused download is not read to its end.
    await rest.return?.()
    throw error
  }
}

async function * replay (head: Uint8Array[], rest: AsyncIterator<Uint8Array> | undefined): AsyncGenerator<Uint8Array> {
  try {
    yield * head
    if (rest === undefined) return
    for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield next.value
  } finally {
    // Also when the consumer stops early (the size limit): the source is not left half-read.
    await rest?.return?.()
  }
}
