import qs from 'qs'
import { FormTooComplexError } from './errors.js'

/**
 * jQuery's `$.post(url, args)` encodes arrays as `a[]=1&a[]=2` and arrays of
 * arrays as `routes[0][]=上海` (DESIGN §3). These limits are what the pages need
 * and no more: two levels of brackets, 100 elements an array, 1000 parameters.
 * Prototype keys (`__proto__[x]`) are dropped; dots are plain characters.
 */
const LIMITS: qs.IParseOptions = {
  depth: 2,
  strictDepth: true,
  arrayLimit: 100,
  parameterLimit: 1000,
  throwOnLimitExceeded: true,
  allowPrototypes: false,
  allowDots: false
}

/** Parses a form body or a query string the jQuery way; beyond the limits it throws `KIT_FORM_TOO_COMPLEX`. */
export function parseForm (text: string): Record<string, unknown> {
  if (text.length === 0) return {}
  try {
    return qs.parse(text, LIMITS)
  } catch (error) {
    throw new FormTooComplexError({ cause: error })
  }
}

/** Marks a query string over the limits: the router must not throw, so the refusal waits for the route's hooks. */
export const QUERY_TOO_COMPLEX: unique symbol = Symbol('query too complex')

/** Fastify's `querystringParser`: never throws (it runs inside the router); see `refuseComplexQuery`. */
export function parseQuery (text: string): Record<string | symbol, unknown> {
  try {
    return parseForm(text)
  } catch {
    return { [QUERY_TOO_COMPLEX]: true }
  }
}

/** Throws the refusal `parseQuery` could not. */
export function refuseComplexQuery (query: unknown): void {
  if (typeof query === 'object' && query !== null && QUERY_TOO_COMPLEX in query) throw new FormTooComplexError()
}
