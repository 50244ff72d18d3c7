import { InvalidIndexError, InvalidQueryError } from '../errors.js'
import type { FindOptions, IndexKeys, IndexOptions } from '../collection.js'
import { isFieldPath, isPlainObject, overlappingPaths } from './values.js'

/** Sort, projection, skip and limit as both adapters apply them. */
export function assertFindOptions (options: FindOptions): void {
  const { sort, projection, skip, limit } = options
  if (sort !== undefined) assertKeys('sort', sort, (value) => value === 1 || value === -1)
  if (projection !== undefined) {
    assertKeys('projection', projection, (value) => value === 0 || value === 1)
    const modes = new Set(Object.entries(projection).filter(([path]) => path !== '_id').map(([, value]) => value))
    if (modes.size > 1) throw new InvalidQueryError('a projection either includes or excludes fields (only _id may be excluded from an inclusion)')
    const overlap = overlappingPaths(Object.keys(projection))
    if (overlap !== undefined) throw new InvalidQueryError(`a projection cannot name both "${overlap[0]}" and "${overlap[1]}"`)
  }
  for (const [name, value] of [['skip', skip], ['limit', limit]] as const) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) throw new InvalidQueryError(`${name} must be a non-negative integer`)
  }
}

export function assertIndex (keys: IndexKeys, options: IndexOptions): string[] {
  const fields = Object.keys(keys)
  try {
    assertKeys('index', keys, (value) => value === 1 || value === -1)
  } catch (error) {
    throw new InvalidIndexError(error instanceof Error ? error.message : String(error))
  }
  if (fields.length === 0) throw new InvalidIndexError('an index needs at least one field')
  const { expireAfterSeconds } = options
  if (expireAfterSeconds !== undefined) {
    if (!Number.isSafeInteger(expireAfterSeconds) || expireAfterSeconds < 0) throw new InvalidIndexError('expireAfterSeconds must be a non-negative integer')
    // nedb reads TTL fields at the top level only; MongoDB refuses compound TTL indexes.
    if (fields.length !== 1 || fields.some((field) => field.includes('.'))) throw new InvalidIndexError('a TTL index has exactly one top-level field')
  }
  return fields
}

/** The name MongoDB gives an index: `a_1_b_-1`. */
export function indexName (keys: IndexKeys): string {
  return Object.entries(keys).map(([field, direction]) => `${field}_${direction}`).join('_')
}

function assertKeys (what: string, value: unknown, valid: (direction: unknown) => boolean): void {
  if (!isPlainObject(value)) throw new InvalidQueryError(`${what} must be an object of field paths`)
  for (const [path, direction] of Object.entries(value)) {
    if (!isFieldPath(path)) throw new InvalidQueryError(`invalid field path "${path}" in ${what}`)
    if (!valid(direction)) throw new InvalidQueryError(`invalid value for "${path}" in ${what}`)
  }
}
