import type { IdOf, OptionalId, WithId } from './document.js'
import type { Filter } from './filter.js'
import type { Update } from './update.js'

export type SortDirection = 1 | -1
/** Keys in priority order, as with the driver. */
export type Sort = Record<string, SortDirection>
/** Inclusion (`1`) or exclusion (`0`) of fields, not both, except `_id: 0`. */
export type Projection = Record<string, 0 | 1>

export interface FindOneOptions {
  sort?: Sort
  projection?: Projection
}

export interface FindOptions extends FindOneOptions {
  skip?: number
  /** `0` or absent: no limit. */
  limit?: number
}

export interface UpdateOptions {
  /** Insert when nothing matches: the equality fields of the filter, then the update applied. */
  upsert?: boolean
}

export interface FindOneAndUpdateOptions extends UpdateOptions {
  /** `'before'` (the driver's default) or `'after'` the update. */
  returnDocument?: 'before' | 'after'
  /** Which document to update when several match. */
  sort?: Sort
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

/** The storage port, shaped after the MongoDB driver's `Collection<T>`. */
export interface Collection<T extends object> {
  readonly name: string
  insertOne: (doc: OptionalId<T>) => Promise<InsertOneResult<T>>
  findOne: <R extends object = WithId<T>>(filter: Filter<T>, options?: FindOneOptions) => Promise<R | null>
  find: <R extends object = WithId<T>>(filter: Filter<T>, options?: FindOptions) => Promise<R[]>
  countDocuments: (filter?: Filter<T>) => Promise<number>
  updateOne: (filter: Filter<T>, update: Update<T>, options?: UpdateOptions) => Promise<UpdateResult<T>>
  updateMany: (filter: Filter<T>, update: Update<T>, options?: UpdateOptions) => Promise<UpdateResult<T>>
  findOneAndUpdate: (filter: Filter<T>, update: Update<T>, options?: FindOneAndUpdateOptions) => Promise<WithId<T> | null>
  deleteOne: (filter: Filter<T>) => Promise<DeleteResult>
  deleteMany: (filter: Filter<T>) => Promise<DeleteResult>
  /** Idempotent, like the driver's: call it at startup for every index the service relies on. Returns the index name. */
  createIndex: (keys: IndexKeys, options?: IndexOptions) => Promise<string>
}
