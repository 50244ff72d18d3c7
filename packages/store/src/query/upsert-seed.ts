import { isOperatorObject, isPlainObject } from './values.js'

/**
 * The document MongoDB starts an upsert from: the filter's equality fields (top level, dotted,
 * inside `$and` or a one-clause `$or`), before the update operators apply. Operator and RegExp
 * conditions contribute nothing. The embedded adapter builds upserts from this; the MongoDB
 * adapter uses it to know whether the filter already fixes `_id`.
 */
export function upsertSeed (filter: Record<string, unknown>): Record<string, unknown> {
  const seed: Record<string, unknown> = {}
  collect(filter, seed)
  return seed
}

function collect (filter: Record<string, unknown>, seed: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || (key === '$or' && value.length !== 1)) continue
      for (const clause of value) if (isPlainObject(clause)) collect(clause, seed)
    } else if (!key.startsWith('$') && !(value instanceof RegExp) && !isOperatorObject(value)) {
      setPath(seed, key.split('.'), structuredClone(value))
    }
  }
}

function setPath (target: Record<string, unknown>, segments: string[], value: unknown): void {
  const [head, ...rest] = segments
  if (head === undefined) return
  if (rest.length === 0) {
    target[head] = value
    return
  }
  const next = target[head]
  const child: Record<string, unknown> = isPlainObject(next) ? next : {}
  target[head] = child
  setPath(child, rest, value)
}
