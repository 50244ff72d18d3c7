import type { BlobInfo, BlobMetadata } from '../blob-store.js'
import { isPlainObject } from '../query/values.js'

/** Reads a `<id>.json` sidecar back into a `BlobInfo`, refusing anything malformed. */
export function parseSidecar (text: string): BlobInfo {
  const parsed: unknown = JSON.parse(text)
  if (!isPlainObject(parsed)) throw new Error('blob sidecar is not an object')
  const { id, length, sha256, contentType, filename, metadata } = parsed
  if (typeof id !== 'string' || typeof length !== 'number' ||
    typeof sha256 !== 'string' || typeof contentType !== 'string') {
    throw new Error('blob sidecar misses id, length, sha256 or contentType')
  }
  const info: BlobInfo = { id, length, sha256, contentType }
  if (typeof filename === 'string') info.filename = filename
  if (isPlainObject(metadata)) info.metadata = metadata as BlobMetadata
  return info
}
