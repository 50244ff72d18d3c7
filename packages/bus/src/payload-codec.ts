import type { TSchema } from 'typebox'
import Value from 'typebox/value'
import { BusInvalidMessageError } from './errors.js'

const MAX_ISSUES = 5

/** Where and how a value breaks its schema, never the value itself: payloads may carry codes or phones. */
function issuesOf (schema: TSchema, value: unknown): string[] {
  return Value.Errors(schema, value).slice(0, MAX_ISSUES)
    .map((error) => `${error.instancePath || '/'} ${error.message}`)
}

/** A copy of an outgoing payload with only the fields its schema names; throws if it breaks the schema. */
export function cleanPayload (schema: TSchema, name: string, payload: unknown): unknown {
  if (!Value.Check(schema, payload)) throw new BusInvalidMessageError(name, issuesOf(schema, payload))
  return Value.Clean(schema, Value.Clone(payload))
}

export function encodePayload (schema: TSchema, name: string, payload: unknown): string {
  return JSON.stringify(cleanPayload(schema, name, payload))
}

export type Decoded = { ok: true, value: unknown } | { ok: false, error: BusInvalidMessageError }

/**
 * Checks a received value. Unknown fields are dropped rather than refused (tolerant reader),
 * so a publisher may add an optional field before every consumer knows it.
 */
export function verifyPayload (schema: TSchema, name: string, value: unknown): Decoded {
  if (!Value.Check(schema, value)) {
    return { ok: false, error: new BusInvalidMessageError(name, issuesOf(schema, value)) }
  }
  return { ok: true, value: Value.Clean(schema, value) }
}

export function decodePayload (schema: TSchema, name: string, body: string): Decoded {
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch {
    return { ok: false, error: new BusInvalidMessageError(name, ['body is not JSON']) }
  }
  return verifyPayload(schema, name, value)
}
