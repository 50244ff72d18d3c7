import type { IdOf, OptionalId, WithId } from './document.js'
import type { Filter } from './filter.js'
import type { Update } from './update.js'

export type SortDirection = 1 | -1

/** What both adapters order alike: no arrays, no subdocuments (see the README's sort order). */
export type SortableValue = string | number | boolean | Date | null | undefined

/** The top-level fields of `T` that hold a sortable value (any field, when `T` does not say). */
export type SortField<T> = {
  [K in keyof WithId<T>]-?: unknown extends WithId<T>[K] ? K : WithId<T>[K] extends SortableValue ? K : never
}[keyof WithId<T>] & string

/** One field, ascending (`1`) or descending (`-1`): `{ createdAt: -1 }`. */
export type Sort<T> = {
  [K in SortField<T>]: Record<K, SortDirection> & Partial<Record<Exclude<SortField<T>, K>, never>>
}[SortField<T>]

export interface FindOneOptions<T> {
  sort?: Sort<T>
}

export interface FindOptions<T> extends FindOneOptions<T> {
  skip?: number
  /** `0` or absent: no limit. */
  limit?: number
}

export interface UpdateOptions {
  /** Insert when nothing matches: the equality fields of the filter, then the update applied. */
  upsert?: boolean
}

export interface FindOneAndUpdateOptions<T> extends UpdateOptions {
  /** `'before'` (the driver's default) or `'after'` the update. */
  returnDocument?: 'before' | 'after'
  /** Which document to update when several match. */
  sort?: Sort<T>
}

export interface InsertOneResult<T> {
  insertedId: IdOf<T>
}

export interface UpdateResult<T> {
  /** Documents that matched the filter (whether or not the update changed them). */
  matchedCount: number
  upsertedId: IdOf<T> | null
}

export interface DeleteResult {
  deletedCount: number
}

export type IndexKeys = Record<string, SortDirection>

export interface IndexOptions {
  unique?: boolean
  /** Leave documents without the field out of the index (so a unique index ignores them). */
  sparse?: boolean
  /** TTL: remove a document this many seconds after the Date in its (single, top-level) indexed field. */
  expireAfterSeconds?: number
}

/**
 * The storage port, shaped after the MongoDB driver's `Collection<T>`, narrowed to what the
 * services use: documents are read whole, written and deleted one at a time.
 */
export interface Collection<T extends object> {
  readonly name: string
  insertOne: (doc: OptionalId<T>) => Promise<InsertOneResult<T>>
  findOne: (filter: Filter<T>, options?: FindOneOptions<T>) => Promise<WithId<T> | null>
  find: (filter: Filter<T>, options?: FindOptions<T>) => Promise<Array<WithId<T>>>
  countDocuments: (filter?: Filter<T>) => Promise<number>
  updateOne: (filter: Filter<T>, update: Update<T>, options?: UpdateOptions) => Promise<UpdateResult<T>>
  findOneAndUpdate: (
    filter: Filter<T>, update: Update<T>, options?: FindOneAndUpdateOptions<T>
  ) => Promise<WithId<T> | null>
  deleteOne: (filter: Filter<T>) => Promise<DeleteResult>
  /** Idempotent, like the driver's: call it at startup for every index the service relies on. Returns its name. */
  createIndex: (keys: IndexKeys, options?: IndexOptions) => Promise<string>
}
