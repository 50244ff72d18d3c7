import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import { MongoServerError } from 'mongodb'
import { DuplicateKeyError } from '../errors.js'
import { isPlainObject } from '../query/values.js'

const DUPLICATE_KEY = 11000

/** The driver calls the adapter makes, named as the driver names them. */
export type MongoOperation =
  'insertOne' | 'find' | 'countDocuments' | 'updateOne' | 'findOneAndUpdate' | 'deleteOne' | 'createIndex'

/**
 * Runs a driver call, turning a duplicate key (E11000) into the port's `DuplicateKeyError`.
 * Each call is a client span (`find resume`) within the request or message that made it, made
 * here rather than by the driver's auto-instrumentation, which patches modules on import (under
 * ESM only through loader hooks); with tracing off the API's tracer is a no-op.
 */
export async function runMongo<R> (
  collection: string, name: MongoOperation, operation: () => Promise<R>
): Promise<R> {
  const span = trace.getTracer('@driver/store').startSpan(`${name} ${collection}`, {
    kind: SpanKind.CLIENT,
    attributes: { 'db.system.name': 'mongodb', 'db.collection.name': collection, 'db.operation.name': name }
  })
  try {
    return await operation()
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) })
    if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) {
      const keyValue: unknown = error.keyValue
      throw new DuplicateKeyError(collection, isPlainObject(keyValue) ? { ...keyValue } : undefined, { cause: error })
    }
    throw error
  } finally {
    span.end()
  }
}
