import type { DottedPath, ElementOf, WithId } from './document.js'

/** Values the range operators compare: both adapters order numbers, strings and dates alike. */
export type Comparable = number | string | Date

/** The field operators both adapters implement with MongoDB's semantics. */
export interface FieldOperators<V> {
  $in?: ReadonlyArray<V | null>
  $nin?: ReadonlyArray<V | null>
  $ne?: V | null
  $gt?: V & Comparable
  $gte?: V & Comparable
  $lt?: V & Comparable
  $lte?: V & Comparable
  $exists?: boolean
  /** An escaped literal, optionally anchored with `^`, with no flag but `i`: a keyword or a prefix. */
  $regex?: RegExp
}

/** What a field may be matched with: a value (or an element of an array field), a RegExp, or operators. */
export type Condition<V> =
  | NonNullable<V>
  | ElementOf<NonNullable<V>>
  | null
  | RegExp
  | FieldOperators<ElementOf<NonNullable<V>>>

export type Filter<T> = { [K in keyof WithId<T>]?: Condition<WithId<T>[K]> } & {
  $or?: Array<Filter<T>>
  $and?: Array<Filter<T>>
} & { [path: DottedPath]: unknown }
