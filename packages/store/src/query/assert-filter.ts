import { InvalidQueryError } from '../errors.js'
import { isFieldPath, isOperatorObject, isPlainObject, unstorableReason } from './values.js'

const COMPARISONS = new Set(['$gt', '$gte', '$lt', '$lte'])

/**
 * Refuses any filter outside the subset both adapters match identically, before it reaches
 * either: unknown operators (`$where` would run code in nedb), `undefined` values (the driver
 * would drop the key and match everything), non-plain values neither stores alike.
 */
export function assertFilter (filter: unknown): asserts filter is Record<string, unknown> {
  if (!isPlainObject(filter)) throw new InvalidQueryError('a filter must be a plain object')
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$or' || key === '$and') {
      if (!Array.isArray(value) || value.length === 0) throw new InvalidQueryError(`${key} needs a non-empty array of filters`)
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
        if (item instanceof RegExp || isOperatorObject(item)) throw new InvalidQueryError(`${operator} on "${path}" takes plain values`)
        assertValue(path, item)
      }
    } else if (operator === '$ne') {
      assertValue(path, argument)
    } else if (COMPARISONS.has(operator)) {
      const comparable = typeof argument === 'string' || typeof argument === 'number' || argument instanceof Date
      if (!comparable) throw new InvalidQueryError(`${operator} on "${path}" compares numbers, strings or dates`)
      assertValue(path, argument)
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

function assertValue (path: string, value: unknown): void {
  if (isPlainObject(value) && Object.keys(value).some((key) => key.startsWith('$'))) {
    throw new InvalidQueryError(`"${path}" mixes operators and fields`)
  }
  const reason = unstorableReason(value)
  if (reason !== undefined) throw new InvalidQueryError(`"${path}" cannot be matched against ${reason}`)
}

function assertRegExp (path: string, pattern: RegExp): void {
  // The driver sends only i and m to the server (and turns g into s); nedb would honour the others.
  if (!/^[im]*$/.test(pattern.flags)) throw new InvalidQueryError(`the RegExp on "${path}" may use only the i and m flags`)
}
