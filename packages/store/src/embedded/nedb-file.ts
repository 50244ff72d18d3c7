import { createRequire } from 'node:module'
import type * as Nedb from '@seald-io/nedb'
import type { FindOptions } from '../collection.js'
import type { StoreLogger } from '../store.js'
import { isPlainObject } from '../query/values.js'
import { toStoreError } from './nedb-errors.js'
import { SerialQueue } from './serial-queue.js'

export type NedbDocument = Record<string, unknown>
type Datastore = Nedb.default<NedbDocument>

// nedb is CommonJS whose typings declare an ES default export; required, it is the class itself.
const Datastore = createRequire(import.meta.url)('@seald-io/nedb') as typeof Nedb.default.default
type Query = Record<string, unknown>

/** Rewrite the datafile once this many lines were appended and they outnumber the live documents. */
const COMPACT_AFTER_LINES = 1_000

/**
 * One collection's nedb datastore with typed results. nedb appends every write to its datafile
 * and resolves only after `appendFile` completed, so an acknowledged write is in the kernel and
 * survives the process being killed. The file is append-only, so it is compacted (rewritten
 * crash-safely) on load and whenever appended lines outnumber live documents.
 */
export class NedbFile {
  readonly queue = new SerialQueue()
  readonly ready: Promise<void>
  readonly #db: Datastore
  readonly #collection: string
  readonly #logger: StoreLogger | undefined
  #appended = 0

  constructor (filename: string, collection: string, logger?: StoreLogger) {
    this.#db = new Datastore<NedbDocument>({ filename })
    this.#collection = collection
    this.#logger = logger
    this.ready = this.#db.loadDatabaseAsync()
    // Callers see a load failure when they await `ready`; this only keeps it from being unhandled.
    this.ready.catch(() => undefined)
  }

  async find (query: Query, options: FindOptions = {}): Promise<NedbDocument[]> {
    await this.ready
    let cursor = this.#db.findAsync<NedbDocument>(query)
    if (options.sort !== undefined) cursor = cursor.sort(options.sort)
    if (options.skip !== undefined) cursor = cursor.skip(options.skip)
    if (options.limit !== undefined && options.limit > 0) cursor = cursor.limit(options.limit)
    // nedb treats `{ _id: 1 }` as "no projection"; MongoDB returns only the ids.
    const idsOnly = options.projection !== undefined && Object.keys(options.projection).every((key) => key === '_id') && options.projection._id === 1
    if (options.projection !== undefined && !idsOnly) cursor = cursor.projection(options.projection)
    const found: unknown = await cursor
    const documents = Array.isArray(found) ? found.filter(isPlainObject) : []
    return idsOnly ? documents.map(({ _id }) => ({ _id })) : documents
  }

  async count (query: Query): Promise<number> {
    await this.ready
    const counted: unknown = await this.#db.countAsync(query)
    return typeof counted === 'number' ? counted : 0
  }

  async insert (document: NedbDocument): Promise<void> {
    await this.ready
    await this.#write(() => this.#db.insertAsync(document))
  }

  /** Replaces the document with this `_id`; false when it is gone (removed by TTL meanwhile). */
  async replace (id: unknown, document: NedbDocument): Promise<boolean> {
    await this.ready
    const { numAffected } = await this.#write(() => this.#db.updateAsync({ _id: id }, document, {}))
    return numAffected === 1
  }

  async remove (query: Query, multi: boolean): Promise<number> {
    await this.ready
    return await this.#write(() => this.#db.removeAsync(query, { multi }))
  }

  async ensureIndex (options: Nedb.default.EnsureIndexOptions): Promise<void> {
    await this.ready
    await this.#write(() => this.#db.ensureIndexAsync(options))
  }

  async removeIndex (fieldName: string): Promise<void> {
    await this.ready
    await this.#write(() => this.#db.removeIndexAsync(fieldName))
  }

  /** Rewrites the datafile with only live documents (and fsyncs it). */
  async compact (): Promise<void> {
    await this.ready
    this.#appended = 0
    await this.#db.compactDatafileAsync()
  }

  async #write<R> (operation: () => Promise<R>): Promise<R> {
    let result: R
    try {
      result = await operation()
    } catch (error) {
      throw toStoreError(error, this.#collection)
    }
    this.#appended += 1
    if (this.#appended >= COMPACT_AFTER_LINES && this.#appended > this.#db.getAllData().length) {
      // Queued behind the writes already in nedb's executor; later operations wait for it.
      this.compact().catch((error: unknown) => {
        this.#logger?.error({ err: error, collection: this.#collection }, 'compacting the datafile failed')
      })
    }
    return result
  }
}
