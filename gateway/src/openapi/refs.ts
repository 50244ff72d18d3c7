import { isJsonObject } from './document.js'

const COMPONENTS = '#/components/'

/** A `$ref` into the same document's components: `#/components/<section>/<name>[/<rest>]`. */
export interface ComponentRef {
  section: string
  name: string
  /** Pointer segments below the component, kept as written. */
  rest: string[]
}

export function parseComponentRef (ref: string): ComponentRef | undefined {
  if (!ref.startsWith(COMPONENTS)) return undefined
  const [section, name, ...rest] = ref.slice(COMPONENTS.length).split('/')
  if (!section || name === undefined || name === '') return undefined
  // JSON Pointer escapes: ~1 is "/", ~0 is "~" (in that order).
  return { section, name: name.replaceAll('~1', '/').replaceAll('~0', '~'), rest }
}

export function formatComponentRef ({ section, name, rest }: ComponentRef): string {
  return [`${COMPONENTS}${section}`, name.replaceAll('~', '~0').replaceAll('/', '~1'), ...rest].join('/')
}

/** Calls `visit` with every `$ref` string found anywhere in `value`. */
export function forEachRef (value: unknown, visit: (ref: string) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) forEachRef(item, visit)
    return
  }
  if (!isJsonObject(value)) return
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string') visit(child)
    else forEachRef(child, visit)
  }
}

/**
 * A deep copy of `value` with every `$ref` string passed through `map`.
 * Objects are rebuilt with Object.fromEntries so that keys from a service's
 * document (even `__proto__`) stay plain data.
 */
export function mapRefs<T> (value: T, map: (ref: string) => string): T {
  return copy(value, map) as T
}

function copy (value: unknown, map: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => copy(item, map))
  if (!isJsonObject(value)) return value
  return Object.fromEntries(Object.entries(value).map(([key, child]) =>
    [key, key === '$ref' && typeof child === 'string' ? map(child) : copy(child, map)]))
}
