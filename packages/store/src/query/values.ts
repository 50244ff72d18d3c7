/** A `{}` literal (or `Object.create(null)`), not a Date, RegExp, Buffer or class instance. */
export function isPlainObject (value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/** `{ $gt: 1 }`: a plain object whose keys are all operators. */
export function isOperatorObject (value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false
  const keys = Object.keys(value)
  return keys.length > 0 && keys.every((key) => key.startsWith('$'))
}

const SEGMENT = /^[^$.\s][^.]*$/

/** A field path both adapters read the same way: dot-separated, no empty or `$` segments. */
export function isFieldPath (path: string): boolean {
  return path.split('.').every((segment) => SEGMENT.test(segment))
}

/**
 * The values both adapters store and compare alike: JSON's plus Date; nested arrays and plain
 * objects of those. Returns a reason when the value is outside that set. With `skipUndefined`,
 * object fields set to `undefined` are allowed (both adapters leave them out).
 */
export function unstorableReason (value: unknown, skipUndefined = false): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'a non-finite number'
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : undefined
  if (Array.isArray(value)) {
    for (const item of value) {
      const reason = unstorableReason(item, skipUndefined)
      if (reason !== undefined) return reason
    }
    return undefined
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key.startsWith('$') || key.includes('.')) return `a field named "${key}"`
      if (item === undefined && skipUndefined) continue
      const reason = unstorableReason(item, skipUndefined)
      if (reason !== undefined) return reason
    }
    return undefined
  }
  if (value === undefined) return 'undefined'
  return `a value of type ${typeof value === 'object' ? value.constructor.name : typeof value}`
}

/** Two paths of which one is the other or lies inside it (`a` and `a.b`), if any: MongoDB refuses such pairs. */
export function overlappingPaths (paths: string[]): [string, string] | undefined {
  // Pairwise rather than sorted neighbours: `a-b` sorts between `a` and `a.b`.
  for (const [index, first] of paths.entries()) {
    for (const second of paths.slice(index + 1)) {
      if (first === second || second.startsWith(`${first}.`) || first.startsWith(`${second}.`)) return [first, second]
    }
  }
  return undefined
}

/** A copy without the `undefined` fields, which MongoDB (with `ignoreUndefined`) never stores either. */
export function withoutUndefined<V> (value: V): V {
  if (Array.isArray(value)) return value.map((item: unknown) => withoutUndefined(item)) as V
  if (!isPlainObject(value)) return value
  const copy: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) if (item !== undefined) copy[key] = withoutUndefined(item)
  return copy as V
}
