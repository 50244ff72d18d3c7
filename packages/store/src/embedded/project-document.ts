import type { Projection } from '../collection.js'
import { isPlainObject } from '../query/values.js'

/** The projected paths as a tree: `{ a: 1, 'b.c': 1 }` is `{ a: true, b: { c: true } }`. */
interface PathTree {
  [field: string]: PathTree | true
}

/**
 * Applies a validated projection as MongoDB does. The store projects after sorting (a sort may
 * use fields the projection drops); a dotted path through an array applies to every element,
 * which keeps `{ items: [{ name }, …] }` for `items.name` where nedb would build `{ items: { name: [...] } }`.
 */
export function projectDocument (document: Record<string, unknown>, projection: Projection): Record<string, unknown> {
  const entries = Object.entries(projection)
  const fields = entries.filter(([path]) => path !== '_id')
  const id = projection._id
  const [first] = fields
  // Without other fields, `{ _id: 1 }` keeps only the id and `{ _id: 0 }` drops it.
  const including = first === undefined ? id === 1 : first[1] === 1
  if (first === undefined && id === undefined) return document
  if (including) {
    const paths = fields.map(([path]) => path)
    return include(document, pathTree(id === 0 ? paths : ['_id', ...paths])) as Record<string, unknown>
  }
  return exclude(document, pathTree(entries.filter(([, value]) => value === 0).map(([path]) => path))) as Record<string, unknown>
}

function pathTree (paths: string[]): PathTree {
  const tree: PathTree = {}
  for (const path of paths) {
    const segments = path.split('.')
    const last = segments.pop() ?? path
    let node = tree
    for (const segment of segments) {
      const next = node[segment]
      if (next === true) break
      node = next ?? (node[segment] = {})
    }
    node[last] = true
  }
  return tree
}

/** Keeps only the tree's paths; array elements that are not subdocuments have none of them. */
function include (value: unknown, tree: PathTree): unknown {
  if (Array.isArray(value)) return value.filter((item) => isPlainObject(item) || Array.isArray(item)).map((item) => include(item, tree))
  if (!isPlainObject(value)) return undefined
  const kept: Record<string, unknown> = {}
  for (const [field, item] of Object.entries(value)) {
    const branch = tree[field]
    if (branch === undefined) continue
    const projected = branch === true ? item : include(item, branch)
    if (projected !== undefined) kept[field] = projected
  }
  return kept
}

/** Drops the tree's paths, keeping everything else as it is. */
function exclude (value: unknown, tree: PathTree): unknown {
  if (Array.isArray(value)) return value.map((item) => isPlainObject(item) || Array.isArray(item) ? exclude(item, tree) : item)
  if (!isPlainObject(value)) return value
  const kept: Record<string, unknown> = {}
  for (const [field, item] of Object.entries(value)) {
    const branch = tree[field]
    if (branch === true) continue
    kept[field] = branch === undefined ? item : exclude(item, branch)
  }
  return kept
}
