import { modify } from '@seald-io/nedb/lib/model.js'
import { isOperatorObject, isPlainObject } from '../query/values.js'
import { toNedbFilter } from './to-nedb-filter.js'

type Update = Record<string, Record<string, unknown>>

/**
 * The document after a validated update, computed by nedb's own modifier code. Two differences
 * from MongoDB are bridged first: `$pull` on a missing field is a no-op (nedb throws), and a
 * `$pull` filter on subdocuments is matched with MongoDB's null semantics.
 */
export function applyUpdate (document: Record<string, unknown>, update: Update): Record<string, unknown> {
  const { $pull: pull, ...rest } = update
  const effective: Update = structuredClone(rest)
  if (pull !== undefined) {
    const present = Object.entries(pull).filter(([path]) => valueAt(document, path) !== undefined)
    if (present.length > 0) {
      effective.$pull = Object.fromEntries(present.map(([path, condition]) => [path, pullCondition(condition)]))
    }
  }
  // The clone keeps caller-owned arrays and objects out of the stored document.
  return Object.keys(effective).length === 0 ? document : modify(document, effective)
}

/** Operators apply to each element as they are; a filter for subdocuments is translated as a query is. */
function pullCondition (condition: unknown): unknown {
  return isPlainObject(condition) && !isOperatorObject(condition) ? toNedbFilter(condition) : structuredClone(condition)
}

function valueAt (document: unknown, path: string): unknown {
  let current = document
  for (const segment of path.split('.')) {
    if (Array.isArray(current)) current = current[Number(segment)]
    else if (isPlainObject(current)) current = current[segment]
    else return undefined
  }
  return current
}
