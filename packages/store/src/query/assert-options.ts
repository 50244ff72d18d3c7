import { InvalidIndexError, InvalidQueryError } from '../errors.js'
import type { IndexKeys, IndexOptions, SortDirection } from '../collection.js'
import { isFieldPath, isPlainObject } from './values.js'

/** A validated sort: the one field, and its direction. */
export type SortKey = [field: string, direction: SortDirection]

/** What `find` passes on once checked. */
export interface ReadOptions {
  sort?: SortKey
  skip?: number
  limit?: number
}

const FIND_OPTIONS = new Set(['sort', 'skip', 'limit'])

/** Sort, skip and limit as both adapters apply them; any other option (a projection) is refused. */
export function assertFindOptions (options: object): ReadOptions {
  for (const name of Object.keys(options)) {
    if (name === 'projection') throw new InvalidQueryError('projections are not supported: documents are read whole')
    if (!FIND_OPTIONS.has(name)) throw new InvalidQueryError(`unsupported option "${name}"`)
  }
  const { sort, skip, limit } = options as Record<string, unknown>
  for (const [name, value] of [['skip', skip], ['limit', limit]] as const) {
    if (value !== undefined && !(Number.isSafeInteger(value) && Number(value) >= 0)) {
      throw new InvalidQueryError(`${name} must be a non-negative integer`)
    }
  }
  return {
    sort: sort === undefined ? undefined : assertSort(sort),
    skip: skip as number | undefined,
    limit: limit as number | undefined
  }
}

/**
 * A sort on one top-level field, whose values (numbers, strings, booleans, dates, null or
 * missing) nedb and MongoDB order alike. More keys, or a path into subdocuments or arrays,
 * would need MongoDB's rules for arrays and subdocuments, which the store does not emulate.
 */
export function assertSort (sort: unknown): SortKey {
  if (!isPlainObject(sort)) throw new InvalidQueryError('a sort must be an object { field: 1 | -1 }')
  const entries = Object.entries(sort)
  const [entry] = entries
  if (entry === undefined || entries.length > 1) {
    throw new InvalidQueryError(`a sort orders by exactly one field, not ${entries.length}`)
  }
  const [field, direction] = entry
  if (!isFieldPath(field) || field.includes('.')) {
    throw new InvalidQueryError(`a sort orders by a top-level field, not "${field}"`)
  }
  if (direction !== 1 && direction !== -1) throw new InvalidQueryError(`invalid direction for "${field}" in sort`)
  return [field, direction]
}

export function assertIndex (keys: IndexKeys, options: IndexOptions): string[] {
  if (!isPlainObject(keys)) throw new InvalidIndexError('index must be an object of field paths')
  const fields = Object.keys(keys)
  for (const [path, direction] of Object.entries(keys)) {
    if (!isFieldPath(path)) throw new InvalidIndexError(`invalid field path "${path}" in index`)
    if (direction !== 1 && direction !== -1) throw new InvalidIndexError(`invalid value for "${path}" in index`)
  }
  if (fields.length === 0) throw new InvalidIndexError('an index needs at least one field')
  const { expireAfterSeconds } = options
  if (expireAfterSeconds !== undefined) {
    if (!Number.isSafeInteger(expireAfterSeconds) || expireAfterSeconds < 0) {
      throw new InvalidIndexError('expireAfterSeconds must be a non-negative integer')
    }
    // nedb reads TTL fields at the top level only; MongoDB refuses compound TTL indexes.
    if (fields.length !== 1 || fields.some((field) => field.includes('.'))) {
      throw new InvalidIndexError('a TTL index has exactly one top-level field')
    }
  }
  return fields
}

/** The name MongoDB gives an index: `a_1_b_-1`. */
export function indexName (keys: IndexKeys): string {
  return Object.entries(keys).map(([field, direction]) => `${field}_${direction}`).join('_')
}
