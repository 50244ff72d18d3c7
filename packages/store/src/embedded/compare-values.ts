import { isPlainObject } from '../query/values.js'

/**
 * MongoDB's comparison order of BSON types, for the types the store holds. Missing counts as
 * null (MongoDB sorts the two alike); nedb would put missing first and order types differently.
 */
function typeRank (value: unknown): number {
  if (value === undefined || value === null) return 1
  if (typeof value === 'number') return 2
  if (typeof value === 'string') return 3
  if (Array.isArray(value)) return 5
  if (typeof value === 'boolean') return 8
  if (value instanceof Date) return 9
  return 4
}

/** Orders two stored values as MongoDB does (`-1`, `0` or `1`). */
export function compareValues (a: unknown, b: unknown): number {
  const rank = typeRank(a) - typeRank(b)
  if (rank !== 0) return Math.sign(rank)
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b)
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b)
  if (typeof a === 'boolean' && typeof b === 'boolean') return Math.sign(Number(a) - Number(b))
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime())
  // Arrays compare as BSON stores them: documents whose field names are the indexes.
  if (Array.isArray(a) && Array.isArray(b)) return compareFields(a.map((item, index) => [String(index), item]), b.map((item, index) => [String(index), item]))
  if (isPlainObject(a) && isPlainObject(b)) return compareFields(Object.entries(a), Object.entries(b))
  return 0
}

/**
 * Strings by code point, which is MongoDB's default (binary, UTF-8) order. JavaScript compares
 * UTF-16 units, which agrees except where a surrogate (half of a character from U+10000 on) meets
 * U+E000–U+FFFF: there the surrogate must win.
 */
export function compareCodePoints (a: string, b: string): number {
  const length = Math.min(a.length, b.length)
  for (let index = 0; index < length; index++) {
    const x = a.charCodeAt(index)
    const y = b.charCodeAt(index)
    if (x !== y) return codePointWeight(x) < codePointWeight(y) ? -1 : 1
  }
  return Math.sign(a.length - b.length)
}

/** Moves surrogates (U+D800–U+DFFF) above U+E000–U+FFFF, keeping every other unit's order. */
function codePointWeight (unit: number): number {
  if (unit < 0xD800) return unit
  return unit <= 0xDFFF ? unit + 0x2000 : unit - 0x800
}

/** Field by field in stored order: the value's type, then the field name, then the value; a prefix sorts first. */
function compareFields (a: Array<[string, unknown]>, b: Array<[string, unknown]>): number {
  const length = Math.min(a.length, b.length)
  for (let index = 0; index < length; index++) {
    const [nameA, valueA] = a[index] ?? ['', undefined]
    const [nameB, valueB] = b[index] ?? ['', undefined]
    const order = Math.sign(typeRank(valueA) - typeRank(valueB)) || compareCodePoints(nameA, nameB) || compareValues(valueA, valueB)
    if (order !== 0) return order
  }
  return Math.sign(a.length - b.length)
}
