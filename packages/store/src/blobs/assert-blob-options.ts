import type { PutBlobOptions } from '../blob-store.js'
import { InvalidDocumentError } from '../errors.js'
import { isPlainObject } from '../query/values.js'

/** The same options refused by both adapters, before any byte is read. */
export function assertBlobOptions ({ contentType, filename, metadata, maxBytes }: PutBlobOptions): void {
  if (typeof contentType !== 'string' || contentType.length === 0) {
    throw new InvalidDocumentError('a blob needs a contentType')
  }
  if (filename !== undefined && typeof filename !== 'string') {
    throw new InvalidDocumentError('a blob filename is a string')
  }
  if (maxBytes !== undefined && (!Number.isSafeInteger(maxBytes) || maxBytes < 0)) {
    throw new InvalidDocumentError('maxBytes must be a non-negative integer')
  }
  if (metadata === undefined) return
  if (!isPlainObject(metadata)) throw new InvalidDocumentError('blob metadata is a flat object')
  for (const [key, value] of Object.entries(metadata)) {
    const flat = value === null || ['string', 'number', 'boolean'].includes(typeof value)
    if (!flat || key.startsWith('$') || key.includes('.')) {
      throw new InvalidDocumentError(`blob metadata "${key}" must be a string, number, boolean or null`)
    }
  }
}
