import type { DottedPath, ElementOf } from './document.js'
import type { FieldOperators } from './filter.js'

type Fields<T> = Omit<T, '_id'>
type KeysOfType<T, V> = { [K in keyof Fields<T>]-?: NonNullable<Fields<T>[K]> extends V ? K : never }[keyof Fields<T>]
type ArrayKeys<T> = KeysOfType<T, ReadonlyArray<unknown>>
type Element<T, K extends keyof T> = ElementOf<NonNullable<T[K]>>

/** `$pull` removes elements equal to a value, matching operators, or (for subdocuments) matching a filter. */
export type PullCondition<E> = E | FieldOperators<E> | (E extends object ? Partial<E> & Record<string, unknown> : never)

/** The update operators both adapters implement; `_id` is never updated. */
export interface Update<T> {
  $set?: Partial<Fields<T>> & { [path: DottedPath]: unknown }
  $unset?: { [K in keyof Fields<T>]?: true | 1 | '' } & { [path: DottedPath]: true | 1 | '' }
  $inc?: { [K in KeysOfType<T, number>]?: number } & { [path: DottedPath]: number }
  $push?: { [K in ArrayKeys<T>]?: Element<T, K> | { $each: Array<Element<T, K>> } } & { [path: DottedPath]: unknown }
  $pull?: { [K in ArrayKeys<T>]?: PullCondition<Element<T, K>> } & { [path: DottedPath]: unknown }
}
