import { DuplicateKeyError } from '../errors.js'
import { isPlainObject } from '../query/values.js'

/** nedb (through its binary search tree) marks unique-index violations with `errorType`. */
export function toStoreError (error: unknown, collection: string): unknown {
  if (error instanceof Error && 'errorType' in error && error.errorType === 'uniqueViolated') {
    const key = 'key' in error ? error.key : undefined
    return new DuplicateKeyError(collection, isPlainObject(key) ? { ...key } : key, { cause: error })
  }
  return error
}
