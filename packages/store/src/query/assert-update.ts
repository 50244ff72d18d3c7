import { InvalidUpdateError } from '../errors.js'
import { assertCondition, assertFilter, holdsMultiFieldSubdocument } from './assert-filter.js'
import { isFieldPath, isOperatorObject, isPlainObject, overlappingPaths, unstorableReason } from './values.js'

const OPERATORS = new Set(['$set', '$unset', '$inc', '$push', '$pull'])

/**
 * Refuses updates outside the operators both adapters apply alike, updates of `_id`, and two
 * operators on overlapping paths (MongoDB rejects those, nedb would apply them in turn).
 */
export function assertUpdate (update: unknown): asserts update is Record<string, Record<string, unknown>> {
  if (!isPlainObject(update) || Object.keys(update).length === 0) {
    throw new InvalidUpdateError('an update must be an object of update operators')
  }
  const paths: string[] = []
  for (const [operator, fields] of Object.entries(update)) {
    if (!OPERATORS.has(operator)) {
      throw new InvalidUpdateError(
        `unsupported update operator ${operator} (replacing whole documents is not supported either)`
      )
    }
    if (!isPlainObject(fields)) throw new InvalidUpdateError(`${operator} takes an object of field paths`)
    for (const [path, argument] of Object.entries(fields)) {
      if (!isFieldPath(path)) throw new InvalidUpdateError(`invalid field path "${path}"`)
      if (path === '_id' || path.startsWith('_id.')) throw new InvalidUpdateError('_id cannot be updated')
      assertArgument(operator, path, argument)
      paths.push(path)
    }
  }
  assertNoOverlap(paths)
}

function assertArgument (operator: string, path: string, argument: unknown): void {
  if (operator === '$unset') {
    if (argument !== '' && argument !== 1 && argument !== true) {
      throw new InvalidUpdateError(`$unset "${path}" takes '', 1 or true`)
    }
  } else if (operator === '$inc') {
    if (typeof argument !== 'number' || !Number.isFinite(argument)) {
      throw new InvalidUpdateError(`$inc "${path}" takes a finite number`)
    }
  } else if (operator === '$push' && isPlainObject(argument) && '$each' in argument) {
    const each = argument.$each
    if (Object.keys(argument).length !== 1 || !Array.isArray(each)) {
      throw new InvalidUpdateError(`$push "${path}" supports only { $each: [...] }`)
    }
    assertStorable(path, each)
  } else if (operator === '$pull' && (isOperatorObject(argument) || argument instanceof RegExp)) {
    wrapQueryError(() => { assertCondition(path, argument) })
  } else if (operator === '$pull' && isPlainObject(argument)) {
    // A subdocument condition is a filter applied to each element.
    wrapQueryError(() => { assertFilter(argument) })
  } else if (operator === '$pull') {
    assertStorable(path, argument)
    // Elements equal to the value are removed: compared as a filter's value is.
    if (holdsMultiFieldSubdocument(argument)) {
      throw new InvalidUpdateError(
        `$pull "${path}" compares with a subdocument of several fields, ` +
        'which MongoDB matches only in the same field order'
      )
    }
  } else {
    assertStorable(path, argument)
  }
}

function assertStorable (path: string, value: unknown): void {
  const reason = unstorableReason(value)
  if (reason !== undefined) throw new InvalidUpdateError(`"${path}" cannot store ${reason}`)
}

function wrapQueryError (check: () => void): void {
  try {
    check()
  } catch (error) {
    throw new InvalidUpdateError(error instanceof Error ? error.message : String(error))
  }
}

function assertNoOverlap (paths: string[]): void {
  const overlap = overlappingPaths(paths)
  if (overlap !== undefined) {
    throw new InvalidUpdateError(`"${overlap[0]}" and "${overlap[1]}" are updated by two operators`)
  }
}
