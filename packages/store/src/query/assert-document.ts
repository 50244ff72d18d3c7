import { InvalidDocumentError } from '../errors.js'
import { isPlainObject, unstorableReason } from './values.js'

/** A document for `insertOne`: a plain object of storable values; `undefined` fields are left out. */
export function assertDocument (document: unknown): asserts document is Record<string, unknown> {
  if (!isPlainObject(document)) throw new InvalidDocumentError('a document must be a plain object')
  const reason = unstorableReason(document, true)
  if (reason !== undefined) throw new InvalidDocumentError(`the document contains ${reason}`)
}
