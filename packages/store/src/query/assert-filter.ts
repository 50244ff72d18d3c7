import { InvalidQueryError } from '../errors.js'
import { isFieldPath, isOperatorObject, isPlainObject, unstorableReason } from './values.js'

const COMPARISONS = new Set(['$gt', '$gte', '$lt', '$lte'])

/**
 * MongoDB compares strings by code point (UTF-8 bytes), nedb by UTF-16 unit; the two orders
 * differ only where a surrogate (half of a character from U+10000 on) meets U+E000–U+FFFF. A
 * bound made of characters below U+D800 compares with any string alike in both orders.
 */
const OUTSIDE_SHARED_ORDER = /[\uD800-\uFFFF]/

/**
 * The RegExps JavaScript and MongoDB's PCRE read alike: an escaped literal (a keyword), maybe
 * anchored at the start (a prefix). Characters other than the syntax ones stand for themselves
 * in both, and so does a backslash before ASCII punctuation; a RegExp's source writes `/` and
 * line breaks as `\/`, `\n` and `\r` itself. `.`, classes, quantifiers, `$` and the like are
 * read differently in places (PCRE's `$` also matches before a final newline, its `.` matches
 * `\r`…), so they are refused rather than emulated.
 */
const ESCAPED_LITERAL = /^\^?(?:[^\\^$.|?*+()[\]{}]|\\[!-/:-@[-`{-~nr])+$/

/**
 * Refuses any filter outside the subset both adapters match identically, before it reaches
 * either: unknown operators (`$where` would run code in nedb), `undefined` values (the driver
 * would drop the key and match everything), non-plain values neither stores alike.
 */
export function assertFilter (filter: unknown): asserts filter is Record<string, unknown> {
  if (!isPlainObject(filter)) throw new InvalidQueryError('a filter must be a plain object')
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$or' || key === '$and') {
      if (!Array.isArray(value) || value.length === 0) {
        throw new InvalidQueryError(`${key} needs a non-empty array of filters`)
      }
      for (const clause of value) assertFilter(clause)
    } else if (key.startsWith('$')) {
      throw new InvalidQueryError(`unsupported operator ${key}`)
    } else {
      if (!isFieldPath(key)) throw new InvalidQueryError(`invalid field path "${key}"`)
      assertCondition(key, value)
    }
  }
}

/** A field condition: a value, a RegExp, or an object of supported operators. */
export function assertCondition (path: string, condition: unknown): void {
  if (condition instanceof RegExp) return assertRegExp(path, condition)
  if (!isOperatorObject(condition)) return assertValue(path, condition)
  for (const [operator, argument] of Object.entries(condition)) {
    if (operator === '$in' || operator === '$nin') {
      if (!Array.isArray(argument)) throw new InvalidQueryError(`${operator} on "${path}" needs an array`)
      for (const item of argument) {
        if (item instanceof RegExp || isOperatorObject(item)) {
          throw new InvalidQueryError(`${operator} on "${path}" takes plain values`)
        }
        assertValue(path, item)
      }
    } else if (operator === '$ne') {
      assertValue(path, argument)
    } else if (COMPARISONS.has(operator)) {
      assertBound(path, operator, argument)
    } else if (operator === '$exists') {
      if (typeof argument !== 'boolean') throw new InvalidQueryError(`$exists on "${path}" takes true or false`)
    } else if (operator === '$regex') {
      if (!(argument instanceof RegExp)) throw new InvalidQueryError(`$regex on "${path}" takes a RegExp`)
      assertRegExp(path, argument)
    } else {
      throw new InvalidQueryError(`unsupported operator ${operator} on "${path}"`)
    }
  }
}

function assertBound (path: string, operator: string, bound: unknown): void {
  if (!(typeof bound === 'string' || typeof bound === 'number' || bound instanceof Date)) {
    throw new InvalidQueryError(`${operator} on "${path}" compares numbers, strings or dates`)
  }
  if (typeof bound === 'string' && OUTSIDE_SHARED_ORDER.test(bound)) {
    throw new InvalidQueryError(
      `${operator} on "${path}": a string bound may only hold characters below U+D800 ` +
      '(the engines order the others differently)'
    )
  }
  assertValue(path, bound)
}

function assertValue (path: string, value: unknown): void {
  if (isPlainObject(value) && Object.keys(value).some((key) => key.startsWith('$'))) {
    throw new InvalidQueryError(`"${path}" mixes operators and fields`)
  }
  const reason = unstorableReason(value)
  if (reason !== undefined) throw new InvalidQueryError(`"${path}" cannot be matched against ${reason}`)
  if (holdsMultiFieldSubdocument(value)) {
    throw new InvalidQueryError(
      `"${path}" is compared with a subdocument of several fields, which MongoDB matches only in the ` +
      `same field order: match its fields by dotted paths ("${path}.<field>") instead`
    )
  }
}

/**
 * True when a value to compare holds (at any depth) a subdocument with two or more fields. MongoDB
 * compares subdocuments field by field in order, so `{ x: 1, y: 2 }` does not equal a stored
 * `{ y: 2, x: 1 }`; nedb ignores field order. A one-field subdocument has no order to differ on.
 */
export function holdsMultiFieldSubdocument (value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsMultiFieldSubdocument)
  if (!isPlainObject(value)) return false
  const fields = Object.values(value)
  return fields.length > 1 || fields.some(holdsMultiFieldSubdocument)
}

function assertRegExp (path: string, pattern: RegExp): void {
  // A keyword search needs i at most; m would change where ^ anchors (g, s, u, y nedb would honour alone).
  if (pattern.flags !== '' && pattern.flags !== 'i') {
    throw new InvalidQueryError(`the RegExp on "${path}" may have no flag but i, not "${pattern.flags}"`)
  }
  if (!ESCAPED_LITERAL.test(pattern.source)) {
    throw new InvalidQueryError(
      `the RegExp on "${path}" must be an escaped literal, maybe anchored with ^ (a keyword or a prefix, ` +
      'its special characters escaped with a backslash)'
    )
  }
}
