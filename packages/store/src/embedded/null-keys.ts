import { getDotValue } from '@seald-io/nedb/lib/model.js'

/** The index fields and the key parts of one key, e.g. `{ owner: 'o1', plate: null }`. */
export type KeyParts = Record<string, unknown>

/**
 * The keys a unique index gives a document that have a null part, as MongoDB builds them: a
 * missing field counts as null, and an array field gives one key per element. Two documents
 * sharing one collide in MongoDB. nedb keys a missing field (undefined) apart from null, so the
 * adapter checks these keys itself; keys without a null part nedb compares as MongoDB does.
 * Keyed by a serialization that tells a Date from its ISO string.
 */
export function nullKeys (document: Record<string, unknown>, fields: string[], sparse: boolean): Map<string, KeyParts> {
  const values = fields.map((field) => getDotValue(document, field))
  const keys = new Map<string, KeyParts>()
  // A sparse index leaves out a document only when every field is missing (null is present).
  if (sparse && values.every((value) => value === undefined)) return keys
  let combinations: unknown[][] = [[]]
  for (const value of values) {
    const parts = Array.isArray(value) ? value : [value]
    combinations = combinations.flatMap((combination) => parts.map((part: unknown) => [...combination, part ?? null]))
  }
  for (const combination of combinations) {
    if (!combination.includes(null)) continue
    const parts = Object.fromEntries(fields.map((field, index) => [field, combination[index]]))
    keys.set(JSON.stringify(combination, tagDates), parts)
  }
  return keys
}

/** A JSON replacer: `Date#toJSON` has already run when a replacer sees the value, so the holder's original is read. */
function tagDates (this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key]
  return original instanceof Date ? { $date: original.getTime() } : value
}
