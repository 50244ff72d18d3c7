import { MongoServerError } from 'mongodb'
import { DuplicateKeyError } from '../errors.js'
import { isPlainObject } from '../query/values.js'

const DUPLICATE_KEY = 11000

/** Runs a driver call, turning a duplicate key (E11000) into the port's `DuplicateKeyError`. */
export async function runMongo<R> (collection: string, operation: () => Promise<R>): Promise<R> {
  try {
    return await operation()
  } catch (error) {
    if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) {
      const keyValue: unknown = error.keyValue
      throw new DuplicateKeyError(collection, isPlainObject(keyValue) ? { ...keyValue } : undefined, { cause: error })
    }
    throw error
  }
}
