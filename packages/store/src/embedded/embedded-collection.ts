import { isDeepStrictEqual } from 'node:util'
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
import { assertFindOptions, assertIndex, assertSort, indexName, type SortKey } from '../query/assert-options.js'
import { assertUpdate } from '../query/assert-update.js'
import { upsertSeed } from '../query/upsert-seed.js'
import { withoutUndefined } from '../query/values.js'
import { applyUpdate } from './apply-update.js'
import type { NedbDocument, NedbFile } from './nedb-file.js'
import { toNedbFilter } from './to-nedb-filter.js'

interface Modification {
  before?: NedbDocument
  after?: NedbDocument
  upserted?: NedbDocument
}

/** The port on one nedb datafile; writes go through the file's queue, reads straight to nedb. */
export class EmbeddedCollection<T extends object> implements Collection<T> {
  readonly name: string
  readonly #file: NedbFile
  readonly #assertOpen: () => void

  constructor (name: string, file: NedbFile, assertOpen: () => void) {
    this.name = name
    this.#file = file
    this.#assertOpen = assertOpen
  }

  async insertOne (doc: OptionalId<T>): Promise<InsertOneResult<T>> {
    this.#assertOpen()
    const document = withoutUndefined<unknown>({ ...doc, _id: doc._id ?? newId() })
    assertDocument(document)
    await this.#file.queue.run(() => this.#file.insert(document))
    return { insertedId: document._id as IdOf<T> }
  }

  async findOne (filter: Filter<T>, options: FindOneOptions<T> = {}): Promise<WithId<T> | null> {
    const [first] = await this.find(filter, { ...options, limit: 1 })
    return first ?? null
  }

  async find (filter: Filter<T>, options: FindOptions<T> = {}): Promise<Array<WithId<T>>> {
    this.#assertOpen()
    const query = this.#query(filter)
    return await this.#file.find(query, assertFindOptions(options)) as Array<WithId<T>>
  }

  async countDocuments (filter: Filter<T> = {}): Promise<number> {
    this.#assertOpen()
    return await this.#file.count(this.#query(filter))
  }

  async updateOne (filter: Filter<T>, update: Update<T>, options: UpdateOptions = {}): Promise<UpdateResult<T>> {
    const { before, upserted } = await this.#modify(filter, update, options.upsert === true)
    return { matchedCount: before === undefined ? 0 : 1, upsertedId: (upserted?._id ?? null) as IdOf<T> | null }
  }

  async findOneAndUpdate (
    filter: Filter<T>, update: Update<T>, options: FindOneAndUpdateOptions<T> = {}
  ): Promise<WithId<T> | null> {
    const { upsert = false, returnDocument = 'before', sort } = options
    const sortKey = sort === undefined ? undefined : assertSort(sort)
    const { before, after, upserted } = await this.#modify(filter, update, upsert, sortKey)
    const found = returnDocument === 'after' ? (after ?? upserted) : before
    return (found ?? null) as WithId<T> | null
  }

  async deleteOne (filter: Filter<T>): Promise<DeleteResult> {
    this.#assertOpen()
    const query = this.#query(filter)
    const deletedCount = await this.#file.queue.run(() => this.#file.removeOne(query))
    return { deletedCount }
  }

  async createIndex (keys: IndexKeys, options: IndexOptions = {}): Promise<string> {
    this.#assertOpen()
    const fields = assertIndex(keys, options)
    const { unique = false, sparse = false, expireAfterSeconds } = options
    const [first] = fields
    const fieldName = fields.length === 1 && first !== undefined ? first : fields
    const ttl = expireAfterSeconds === undefined ? {} : { expireAfterSeconds }
    await this.#file.queue.run(async () => {
      // nedb forgets an index's TTL when it reloads the datafile and then ignores a repeated
      // ensureIndex for the same field, so a TTL index is dropped and declared again.
      if (expireAfterSeconds !== undefined && typeof fieldName === 'string') await this.#file.removeIndex(fieldName)
      await this.#file.ensureIndex({ fieldName, unique, sparse, ...ttl })
    })
    return indexName(keys)
  }

  #query (filter: Filter<T>): NedbDocument {
    assertFilter(filter)
    return toNedbFilter(filter)
  }

  /**
   * Read, then write the match back, inside the queue: the read and the write form one step
   * no other write of this process can interleave with, which gives upsert and return-before/after.
   */
  async #modify (filter: Filter<T>, update: Update<T>, upsert: boolean, sort?: SortKey): Promise<Modification> {
    this.#assertOpen()
    const query = this.#query(filter)
    assertUpdate(update)
    return await this.#file.queue.run(async () => {
      const [document] = await this.#file.find(query, { sort, limit: 1 })
      if (document !== undefined) {
        const next = applyUpdate(document, update)
        // An update that changes nothing is not written (false: the document expired meanwhile).
        if (isDeepStrictEqual(next, document) || await this.#file.replace(document, next)) {
          return { before: document, after: next }
        }
      }
      if (!upsert) return {}
      const seed = upsertSeed(filter)
      const upserted = applyUpdate({ ...seed, _id: seed._id ?? newId() }, update)
      await this.#file.insert(upserted)
      return { upserted }
    })
  }
}
