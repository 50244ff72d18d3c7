import type { Sort, SortDirection } from '../collection.js'
import { isPlainObject } from '../query/values.js'
import { compareValues } from './compare-values.js'

/** The sort key of an empty array: below null and missing, as in MongoDB. */
const EMPTY_ARRAY = Symbol('empty array')

/**
 * Sorts documents as MongoDB does, which nedb does not: values in MongoDB's type order with
 * strings by code point, missing equal to null, and an array field by its smallest element
 * ascending and its largest descending. Stable, so ties keep their incoming order.
 */
export function sortDocuments<D extends Record<string, unknown>> (documents: D[], sort: Sort): D[] {
  const criteria = Object.entries(sort)
  const keyed = documents.map((document) => ({ document, keys: criteria.map(([path, direction]) => sortKey(document, path, direction)) }))
  keyed.sort((a, b) => {
    for (const [index, [, direction]] of criteria.entries()) {
      const order = compareSortValues(a.keys[index], b.keys[index]) * direction
      if (order !== 0) return order
    }
    return 0
  })
  return keyed.map(({ document }) => document)
}

function sortKey (document: Record<string, unknown>, path: string, direction: SortDirection): unknown {
  const [first, ...others] = valuesAt(document, path.split('.'))
  let key = first
  for (const value of others) {
    const order = compareSortValues(value, key)
    if (direction === 1 ? order < 0 : order > 0) key = value
  }
  return key
}

function compareSortValues (a: unknown, b: unknown): number {
  if (a === EMPTY_ARRAY || b === EMPTY_ARRAY) return a === b ? 0 : a === EMPTY_ARRAY ? -1 : 1
  return compareValues(a, b)
}

/**
 * The values a sort on the path sees: the elements of an array (at the end of the path, or along
 * it: `items.price` collects the price of every element), `undefined` where the path is missing.
 * A numeric segment also picks an array element by position.
 */
function valuesAt (value: unknown, segments: string[]): unknown[] {
  const [head, ...rest] = segments
  if (head === undefined) {
    if (!Array.isArray(value)) return [value]
    return value.length === 0 ? [EMPTY_ARRAY] : value
  }
  if (Array.isArray(value)) {
    const found = value.flatMap((item) => isPlainObject(item) ? valuesAt(item, segments) : [])
    if (/^\d+$/.test(head) && Number(head) < value.length) found.push(...valuesAt(value[Number(head)], rest))
    return found.length > 0 ? found : [undefined]
  }
  return isPlainObject(value) ? valuesAt(value[head], rest) : [undefined]
}
