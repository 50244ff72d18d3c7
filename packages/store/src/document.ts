/** What a stored document is when nothing more specific is known. */
export type Document = Record<string, unknown>

/** The `_id` type of `T`: whatever `T` declares, a 24-hex string otherwise. */
export type IdOf<T> = T extends { _id?: infer I } ? (unknown extends I ? string : Exclude<I, undefined>) : string

/** A document as read back: `_id` is always present. */
export type WithId<T> = Omit<T, '_id'> & { _id: IdOf<T> }

/** A document as inserted: `_id` may be left out and the store generates one. */
export type OptionalId<T> = Omit<T, '_id'> & { _id?: IdOf<T> }

/** A path into nested documents, `'address.city'` or `'items.0.name'`. */
export type DottedPath = `${string}.${string}`

/** The element type of an array field, the field type itself otherwise. */
export type ElementOf<V> = V extends ReadonlyArray<infer E> ? E : V
