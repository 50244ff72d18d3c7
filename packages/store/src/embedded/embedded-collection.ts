import { isDeepStrictEqual } from 'node:util'
import type {
  Collection, DeleteResult, FindOneAndUpdateOptions, FindOneOptions, FindOptions, IndexKeys,
  IndexOptions, InsertOneResult, Sort, UpdateOptions, UpdateResult
} from '../collection.js'
import type { IdOf, OptionalId, WithId } from '../document.js'
import type { Filter } from '../filter.js'
import type { Update } from '../update.js'
import { newId } from '../object-id.js'
import { assertDocument } from '../query/assert-document.js'
import { assertFilter } from '../query/assert-filter.js'
import { assertFindOptions, assertIndex, indexName } from '../query/assert-options.js'
import { assertUpdate } from '../query/assert-update.js'
import { upsertSeed } from '../query/upsert-seed.js'
import { withoutUndefined } from '../query/values.js'
import { applyUpdate } from './apply-update.js'
import type { NedbDocument, NedbFile } from './nedb-file.js'
import { toNedbFilter } from './to-nedb-filter.js'

interface Modification {
  before: NedbDocument[]
  after: NedbDocument[]
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

  async findOne<R extends object = WithId<T>> (filter: Filter<T>, options: FindOneOptions = {}): Promise<R | null> {
    const [first] = await this.find<R>(filter, { ...options, limit: 1 })
    return first ?? null
  }

  async find<R extends object = WithId<T>> (filter: Filter<T>, options: FindOptions = {}): Promise<R[]> {
    this.#assertOpen()
    assertFindOptions(options)
    return await this.#file.find(this.#query(filter), options) as R[]
  }

  async countDocuments (filter: Filter<T> = {}): Promise<number> {
    this.#assertOpen()
    return await this.#file.count(this.#query(filter))
  }

  async updateOne (filter: Filter<T>, update: Update<T>, options: UpdateOptions = {}): Promise<UpdateResult<T>> {
    return toUpdateResult<T>(await this.#modify(filter, update, { ...options, multi: false }))
  }

  async updateMany (filter: Filter<T>, update: Update<T>, options: UpdateOptions = {}): Promise<UpdateResult<T>> {
    return toUpdateResult<T>(await this.#modify(filter, update, { ...options, multi: true }))
  }

  async findOneAndUpdate (filter: Filter<T>, update: Update<T>, options: FindOneAndUpdateOptions = {}): Promise<WithId<T> | null> {
    const { returnDocument = 'before', sort } = options
    if (sort !== undefined) assertFindOptions({ sort })
    const { before, after, upserted } = await this.#modify(filter, update, { ...options, multi: false })
    const found = returnDocument === 'after' ? (after[0] ?? upserted) : before[0]
    return (found ?? null) as WithId<T> | null
  }

  async deleteOne (filter: Filter<T>): Promise<DeleteResult> {
    return await this.#delete(filter, false)
  }

  async deleteMany (filter: Filter<T>): Promise<DeleteResult> {
    return await this.#delete(filter, true)
  }

  async createIndex (keys: IndexKeys, options: IndexOptions = {}): Promise<string> {
    this.#assertOpen()
    const fields = assertIndex(keys, options)
    const { unique = false, sparse = false, expireAfterSeconds } = options
    const [first] = fields
    const fieldName = fields.length === 1 && first !== undefined ? first : fields
    await this.#file.queue.run(async () => {
      // nedb forgets an index's TTL when it reloads the datafile and then ignores a repeated
      // ensureIndex for the same field, so a TTL index is dropped and declared again.
      if (expireAfterSeconds !== undefined && typeof fieldName === 'string') await this.#file.removeIndex(fieldName)
      await this.#file.ensureIndex({ fieldName, unique, sparse, ...(expireAfterSeconds === undefined ? {} : { expireAfterSeconds }) })
    })
    return indexName(keys)
  }

  #query (filter: Filter<T>): NedbDocument {
    assertFilter(filter)
    return toNedbFilter(filter)
  }

  /**
   * Read, then write each match back, inside the queue: the read and the writes form one step
   * no other write of this process can interleave with, which gives upsert and return-before/after.
   */
  async #modify (filter: Filter<T>, update: Update<T>, options: UpdateOptions & { multi: boolean, sort?: Sort }): Promise<Modification> {
    this.#assertOpen()
    assertFilter(filter)
    assertUpdate(update)
    const query = toNedbFilter(filter)
    return await this.#file.queue.run(async () => {
      const matches = await this.#file.find(query, { sort: options.sort, limit: options.multi ? 0 : 1 })
      const result: Modification = { before: [], after: [] }
      for (const document of matches) {
        const next = applyUpdate(document, update)
        // An update that changes nothing is not written (false: the document expired meanwhile).
        if (!isDeepStrictEqual(next, document) && !(await this.#file.replace(document, next))) continue
        result.before.push(document)
        result.after.push(next)
      }
      if (result.before.length === 0 && options.upsert === true) {
        const seed = upsertSeed(filter)
        const upserted = applyUpdate({ ...seed, _id: seed._id ?? newId() }, update)
        await this.#file.insert(upserted)
        result.upserted = upserted
      }
      return result
    })
  }

  async #delete (filter: Filter<T>, multi: boolean): Promise<DeleteResult> {
    this.#assertOpen()
    const query = this.#query(filter)
    const deletedCount = await this.#file.queue.run(() => this.#file.remove(query, multi))
    return { deletedCount }
  }
}

function toUpdateResult<T> ({ before, upserted }: Modification): UpdateResult<T> {
  return { matchedCount: before.length, upsertedId: (upserted?._id ?? null) as IdOf<T> | null }
}
