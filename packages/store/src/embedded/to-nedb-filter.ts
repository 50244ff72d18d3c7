import { isOperatorObject } from '../query/values.js'

type Query = Record<string, unknown>

/**
 * Rewrites a validated filter so nedb matches it with MongoDB's semantics where the two differ:
 * - `{ f: null }` also matches documents without `f`;
 * - `$ne` / `$nin` mean "no element equals" on array fields (nedb: "some element differs");
 * - `$in` with `null` also matches documents without the field.
 * RegExps (escaped literals, see `assertFilter`) mean the same to both and pass as they are.
 * Untouched conditions stay at the top level, where nedb can use its indexes.
 */
export function toNedbFilter (filter: Query): Query {
  const query: Query = {}
  const clauses: Query[] = []
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$or' || key === '$and') {
      const translated = Array.isArray(value) ? value.map((clause: Query) => toNedbFilter(clause)) : value
      if (key === '$and' && Array.isArray(translated)) clauses.push(...translated)
      else query[key] = translated
    } else {
      const kept = translateCondition(key, value, clauses)
      if (kept !== undefined) query[key] = kept
    }
  }
  if (clauses.length > 0) query.$and = clauses
  return query
}

/** Returns what nedb can match as is, pushing rewritten parts onto `clauses`. */
function translateCondition (path: string, condition: unknown, clauses: Query[]): unknown {
  if (condition === null) {
    clauses.push(missingOr(path, null))
    return undefined
  }
  if (!isOperatorObject(condition)) return condition
  const kept: Query = {}
  for (const [operator, argument] of Object.entries(condition)) {
    if (operator === '$ne') {
      clauses.push({ $not: toNedbFilter({ [path]: argument }) })
    } else if (operator === '$nin') {
      clauses.push({ $not: toNedbFilter({ [path]: { $in: argument } }) })
    } else if (operator === '$in' && Array.isArray(argument) && argument.includes(null)) {
      clauses.push(missingOr(path, { $in: argument }))
    } else {
      kept[operator] = argument
    }
  }
  return Object.keys(kept).length > 0 ? kept : undefined
}

function missingOr (path: string, condition: unknown): Query {
  return { $or: [{ [path]: condition }, { [path]: { $exists: false } }] }
}
