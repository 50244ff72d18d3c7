import type { Collection as DriverCollection, Filter as DriverFilter, UpdateFilter } from 'mongodb'
import type {
  Collection, DeleteResult, FindOneAndUpdateOptions, FindOneOptions, FindOptions, IndexKeys,
  IndexOptions, InsertOneResult, UpdateOptions, UpdateResult
} from '../collection.js'
import type { IdOf, OptionalId, WithId } from '../document.js'
import type { Filter } from '../filter.js'
import type { Update } from '../update.js'
import { newId } from '../object-id.js'
import { assertDocument } from '../query/assert-document.js'
import { assertFilter } from '../query/assert-filter.js'
import { assertFindOptions, assertIndex, assertSort } from '../query/assert-options.js'
import { assertUpdate } from '../query/assert-update.js'
import { upsertSeed } from '../query/upsert-seed.js'
import { withoutUndefined } from '../query/values.js'
import { runMongo, type MongoOperation } from './run-mongo.js'

/** What the adapter hands the driver: validated, plain, with a string (or caller-chosen) `_id`. */
export type StoredDocument = Record<string, unknown>

/**
 * The port on a driver collection: validate (so both adapters refuse the same input), then one
 * driver call. `_id`s are stored as the 24-hex strings the store generates, not as ObjectIds.
 */
export class MongoCollection<T extends object> implements Collection<T> {
  readonly name: string
  readonly #collection: DriverCollection<StoredDocument>
  readonly #assertOpen: () => void

  constructor (name: string, collection: DriverCollection<StoredDocument>, assertOpen: () => void) {
    this.name = name
    this.#collection = collection
    this.#assertOpen = assertOpen
  }

  async insertOne (doc: OptionalId<T>): Promise<InsertOneResult<T>> {
    this.#assertOpen()
    const document = withoutUndefined<unknown>({ ...doc, _id: doc._id ?? newId() })
    assertDocument(document)
    await this.#run('insertOne', () => this.#collection.insertOne(document))
    return { insertedId: document._id as IdOf<T> }
  }

  async findOne (filter: Filter<T>, options: FindOneOptions<T> = {}): Promise<WithId<T> | null> {
    const [first] = await this.find(filter, { ...options, limit: 1 })
    return first ?? null
  }

  async find (filter: Filter<T>, options: FindOptions<T> = {}): Promise<Array<WithId<T>>> {
    this.#assertOpen()
    const query = toDriverFilter(filter)
    const read = withoutUndefined(assertFindOptions(options))
    return await this.#run('find', () => this.#collection.find<WithId<T> & StoredDocument>(query, read).toArray())
  }

  async countDocuments (filter: Filter<T> = {}): Promise<number> {
    this.#assertOpen()
    const query = toDriverFilter(filter)
    return await this.#run('countDocuments', () => this.#collection.countDocuments(query))
  }

  async updateOne (filter: Filter<T>, update: Update<T>, options: UpdateOptions = {}): Promise<UpdateResult<T>> {
    const { upsert = false } = options
    const [query, driverUpdate] = this.#prepare(filter, update, upsert)
    const result = await this.#run('updateOne', () => this.#collection.updateOne(query, driverUpdate, { upsert }))
    return { matchedCount: result.matchedCount, upsertedId: (result.upsertedId ?? null) as IdOf<T> | null }
  }

  async findOneAndUpdate (
    filter: Filter<T>, update: Update<T>, options: FindOneAndUpdateOptions<T> = {}
  ): Promise<WithId<T> | null> {
    const { upsert = false, returnDocument = 'before' } = options
    const sort = options.sort === undefined ? undefined : assertSort(options.sort)
    const [query, driverUpdate] = this.#prepare(filter, update, upsert)
    const found = await this.#run('findOneAndUpdate', () =>
      this.#collection.findOneAndUpdate(query, driverUpdate, withoutUndefined({ upsert, returnDocument, sort })))
    return found as WithId<T> | null
  }

  async deleteOne (filter: Filter<T>): Promise<DeleteResult> {
    this.#assertOpen()
    const query = toDriverFilter(filter)
    const { deletedCount } = await this.#run('deleteOne', () => this.#collection.deleteOne(query))
    return { deletedCount }
  }

  async createIndex (keys: IndexKeys, options: IndexOptions = {}): Promise<string> {
    this.#assertOpen()
    assertIndex(keys, options)
    const { unique, sparse, expireAfterSeconds } = options
    const indexOptions = withoutUndefined({ unique, sparse, expireAfterSeconds })
    return await this.#run('createIndex', () => this.#collection.createIndex(keys, indexOptions))
  }

  /** Validates, and makes an upsert insert a generated 24-hex `_id` unless the filter fixes one. */
  #prepare (
    filter: Filter<T>, update: Update<T>, upsert: boolean
  ): [DriverFilter<StoredDocument>, UpdateFilter<StoredDocument>] {
    this.#assertOpen()
    const query = toDriverFilter(filter)
    assertUpdate(update)
    if (!upsert || '_id' in upsertSeed(query)) return [query, update]
    return [query, { ...update, $setOnInsert: { _id: newId() } }]
  }

  async #run<R> (name: MongoOperation, operation: () => Promise<R>): Promise<R> {
    return await runMongo(this.name, name, operation)
  }
}

function toDriverFilter (filter: unknown): DriverFilter<StoredDocument> & Record<string, unknown> {
  assertFilter(filter)
  return filter
}
