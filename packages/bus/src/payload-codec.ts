import type { TSchema } from 'typebox'
import { Compile, type Validator } from 'typebox/compile'
import { BusInvalidMessageError } from './errors.js'
import { cleanerOf } from './payload-cleaner.js'

const MAX_ISSUES = 5

/** Contracts' schemas are fixed for the life of the process: each is compiled on its first message. */
const validators = new WeakMap<TSchema, Validator>()

function validatorOf (schema: TSchema): Validator {
  let validator = validators.get(schema)
  if (validator === undefined) {
    validator = Compile(schema)
    validators.set(schema, validator)
  }
  return validator
}

/** Where and how a value breaks its schema, never the value itself: payloads may carry codes or phones. */
function issuesOf (validator: Validator, value: unknown): string[] {
  return validator.Errors(value).slice(0, MAX_ISSUES)
    .map((error) => `${error.instancePath || '/'} ${error.message}`)
}

/** A copy of an outgoing payload with only the fields its schema names; throws if it breaks the schema. */
export function cleanPayload (schema: TSchema, name: string, payload: unknown): unknown {
  const validator = validatorOf(schema)
  if (!validator.Check(payload)) throw new BusInvalidMessageError(name, issuesOf(validator, payload))
  return cleanerOf(schema)(payload)
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
  const validator = validatorOf(schema)
  if (!validator.Check(value)) {
    return { ok: false, error: new BusInvalidMessageError(name, issuesOf(validator, value)) }
  }
  return { ok: true, value: cleanerOf(schema)(value) }
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
