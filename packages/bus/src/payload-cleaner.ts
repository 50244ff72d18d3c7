import { IsArray, IsObject, IsSchema, IsUnion, type TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import Value from 'typebox/value'

/** A copy of a value that already passed its schema's check, with only the fields the schema names. */
export type Cleaner = (value: unknown) => unknown

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function objectCleaner (properties: Record<string, TSchema>): Cleaner {
  const fields = Object.entries(properties).map(([key, schema]) => [key, cleanerOf(schema)] as const)
  return (value) => {
    if (!isRecord(value)) return value
    const clean: Record<string, unknown> = {}
    for (const [key, cleaner] of fields) {
      if (Object.hasOwn(value, key)) clean[key] = cleaner(value[key])
    }
    return clean
  }
}

/**
 * The first variant the value passes, as TypeBox's `Clean` takes it; objects with more fields are
 * tried first (TypeBox's priority order), so a value is never cut down to a looser variant.
 */
function unionCleaner (variants: TSchema[]): Cleaner {
  const fieldCount = (schema: TSchema): number => IsObject(schema) ? Object.keys(schema.properties).length : -1
  const ordered = [...variants].sort((a, b) => fieldCount(b) - fieldCount(a))
    .map((schema) => ({ check: Compile(schema), clean: cleanerOf(schema) }))
  return (value) => {
    for (const { check, clean } of ordered) if (check.Check(value)) return clean(value)
    return value
  }
}

/**
 * Built once per schema from its shape: objects, arrays and unions of them are walked; a value of
 * any other kind (strings, numbers, literals) is kept as it is; anything else (intersections, records,
 * references, objects that keep unnamed fields) is left to TypeBox's `Clean`.
 */
function buildCleaner (schema: TSchema): Cleaner {
  const { additionalProperties: additional, type } = schema as { additionalProperties?: unknown, type?: unknown }
  if (IsObject(schema) && additional !== true && !IsSchema(additional)) return objectCleaner(schema.properties)
  if (IsArray(schema)) {
    const item = cleanerOf(schema.items)
    return (value) => Array.isArray(value) ? value.map(item) : value
  }
  if (IsUnion(schema)) return unionCleaner(schema.anyOf)
  if (typeof type === 'string' && type !== 'object' && type !== 'array') return (value) => value
  if ('const' in schema || 'enum' in schema) return (value) => value
  return (value) => Value.Clean(schema, Value.Clone(value))
}

const cleaners = new WeakMap<TSchema, Cleaner>()

export function cleanerOf (schema: TSchema): Cleaner {
  let cleaner = cleaners.get(schema)
  if (cleaner === undefined) {
    cleaner = buildCleaner(schema)
    cleaners.set(schema, cleaner)
  }
  return cleaner
}
