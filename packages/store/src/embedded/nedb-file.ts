import { createRequire } from 'node:module'
import type * as Nedb from '@seald-io/nedb'
import { compareThings } from '@seald-io/nedb/lib/model.js'
import type { Logger } from '@driver/contracts'
import { DuplicateKeyError, InvalidQueryError } from '../errors.js'
import type { ReadOptions } from '../query/assert-options.js'
import { isPlainObject } from '../query/values.js'
import { compareCodePoints } from './code-point-order.js'
import { keepDatafileOpen } from './append-handle.js'
import { toStoreError } from './nedb-errors.js'
import { ttlIndexesOf, uniqueIndexesOf, type UniqueIndex } from './nedb-internals.js'
import { nullKeys } from './null-keys.js'
import { SerialQueue } from './serial-queue.js'

export type NedbDocument = Record<string, unknown>
type Datastore = Nedb.default<NedbDocument>

// nedb is CommonJS whose typings declare an ES default export; required, it is the class itself.
const Datastore = createRequire(import.meta.url)('@seald-io/nedb') as typeof Nedb.default.default
type Query = Record<string, unknown>

/** Every this many appended lines, the datafile is rewritten if they outnumber the live documents. */
const COMPACT_AFTER_LINES = 1_000

/**
 * One collection's nedb datastore with typed results. nedb appends every write to its datafile
 * (kept open: append-handle.ts) and resolves only after the write completed, so an acknowledged
 * write is in the kernel and survives the process being killed. The file is append-only, so it is compacted (rewritten
 * crash-safely) on load and whenever appended lines outnumber live documents.
 */
export class NedbFile {
  readonly queue = new SerialQueue()
  readonly ready: Promise<void>
  readonly collection: string
  readonly #db: Datastore
  readonly #logger: Logger | undefined
  #appended = 0

  constructor (filename: string, collection: string, logger?: Logger) {
    this.#db = new Datastore<NedbDocument>({ filename })
    keepDatafileOpen(this.#db)
    this.collection = collection
    this.#logger = logger
    this.ready = this.#db.loadDatabaseAsync()
    // Callers see a load failure when they await `ready`; this only keeps it from being unhandled.
    this.ready.catch(() => undefined)
  }

  /**
   * nedb matches and compares. On one top-level field holding numbers, strings (compared by code
   * point, as MongoDB does, rather than by UTF-16 unit), booleans, dates, null or nothing, nedb's
   * order is MongoDB's: the same type order, and null and missing, which MongoDB ties, come in
   * one of the orders MongoDB may give. Arrays and subdocuments it orders its own way, so a sort
   * that meets one is refused.
   */
  async find (query: Query, { sort, skip = 0, limit = 0 }: ReadOptions = {}): Promise<NedbDocument[]> {
    await this.ready
    let cursor = this.#db.findAsync<NedbDocument>(query)
    if (sort === undefined) {
      // Without a sort, nedb can stop scanning at the limit.
      if (skip > 0) cursor = cursor.skip(skip)
      if (limit > 0) cursor = cursor.limit(limit)
      return plainDocuments(await cursor)
    }
    const [field, direction] = sort
    const matches = plainDocuments(await cursor)
    // Every match, not just the page: the page MongoDB returns depends on all of them.
    if (matches.some((document) => Array.isArray(document[field]) || isPlainObject(document[field]))) {
      throw new InvalidQueryError(
        `cannot sort on "${field}": a document holds an array or a subdocument there, ` +
        'which nedb and MongoDB order differently'
      )
    }
    // The comparison nedb's cursor sorts with, given the top-level value directly: the cursor
    // looks the dotted path up again on every comparison, which makes it twice as slow.
    matches.sort((a, b) => direction * compareThings(a[field], b[field], compareCodePoints))
    return matches.slice(skip, limit > 0 ? skip + limit : undefined)
  }

  async count (query: Query): Promise<number> {
    await this.ready
    const counted: unknown = await this.#db.countAsync(query)
    return typeof counted === 'number' ? counted : 0
  }

  async insert (document: NedbDocument): Promise<void> {
    await this.ready
    this.#assertNoNullKeyCollision(document)
    await this.#write(() => this.#db.insertAsync(document))
  }

  /** Replaces `previous` with `document` (same `_id`); false when it is gone (removed by TTL meanwhile). */
  async replace (previous: NedbDocument, document: NedbDocument): Promise<boolean> {
    await this.ready
    this.#assertNoNullKeyCollision(document, previous)
    const { numAffected } = await this.#write(() => this.#db.updateAsync({ _id: previous._id }, document, {}))
    return numAffected === 1
  }

  /** Removes the first match; resolves to how many were removed (0 or 1). */
  async removeOne (query: Query): Promise<number> {
    await this.ready
    return await this.#write(() => this.#db.removeAsync(query, { multi: false }))
  }

  async ensureIndex (options: Nedb.default.EnsureIndexOptions): Promise<void> {
    await this.ready
    const name = [options.fieldName].flat().sort().join(',')
    const existed = uniqueIndexesOf(this.#db).some((index) => index.name === name)
    await this.#write(() => this.#db.ensureIndexAsync(options))
    const built = uniqueIndexesOf(this.#db).find((index) => index.name === name)
    // nedb has just refused any other duplicate; a missing field next to a null is left to check.
    if (built !== undefined && !existed) {
      try {
        this.#assertNullKeysDistinct(built)
      } catch (error) {
        await this.#db.removeIndexAsync(name)
        throw error
      }
    }
  }

  async removeIndex (fieldName: string): Promise<void> {
    await this.ready
    await this.#write(() => this.#db.removeIndexAsync(fieldName))
  }

  /**
   * Removes the documents a TTL index has expired, by nedb's own rule (a Date older than
   * `expireAfterSeconds`), and rewrites the datafile without them. nedb does this only for
   * documents it happens to read; the store's sweep calls this inside the write queue.
   */
  async removeExpired (): Promise<number> {
    await this.ready
    let removed = 0
    for (const [field, seconds] of ttlIndexesOf(this.#db)) {
      const expired = { [field]: { $lt: new Date(Date.now() - seconds * 1000) } }
      removed += await this.#db.removeAsync(expired, { multi: true })
    }
    if (removed > 0) await this.compact()
    return removed
  }

  /** Rewrites the datafile with only live documents (and fsyncs it). */
  async compact (): Promise<void> {
    await this.ready
    this.#appended = 0
    await this.#db.compactDatafileAsync()
  }

  /**
   * MongoDB indexes a missing field as null, so a unique index refuses `{}` next to `{ f: null }`;
   * nedb keys the two apart. Scans the collection, but only for a document whose key has a null
   * part (a non-sparse unique index allows one such document per key) and, on update, only when
   * that key changed.
   */
  #assertNoNullKeyCollision (document: NedbDocument, previous?: NedbDocument): void {
    for (const { fields, sparse } of uniqueIndexesOf(this.#db)) {
      const keys = nullKeys(document, fields, sparse)
      if (keys.size === 0) continue
      if (previous !== undefined && sameKeys(keys, nullKeys(previous, fields, sparse))) continue
      for (const other of this.#db.getAllData<NedbDocument>()) {
        if (other._id === document._id) continue
        for (const key of nullKeys(other, fields, sparse).keys()) {
          if (keys.has(key)) throw new DuplicateKeyError(this.collection, keys.get(key))
        }
      }
    }
  }

  #assertNullKeysDistinct ({ fields, sparse }: UniqueIndex): void {
    const holders = new Map<string, unknown>()
    for (const document of this.#db.getAllData<NedbDocument>()) {
      for (const [key, parts] of nullKeys(document, fields, sparse)) {
        const holder = holders.get(key)
        if (holder !== undefined && holder !== document._id) throw new DuplicateKeyError(this.collection, parts)
        holders.set(key, document._id)
      }
    }
  }

  async #write<R> (operation: () => Promise<R>): Promise<R> {
    let result: R
    try {
      result = await operation()
    } catch (error) {
      throw toStoreError(error, this.collection)
    }
    this.#appended += 1
    // Counting the live documents costs a walk over all of them, so it is done once per
    // COMPACT_AFTER_LINES appended lines, not on every write (inserts into a large collection
    // would otherwise cost O(n) each).
    if (this.#appended % COMPACT_AFTER_LINES === 0 && this.#appended > this.#db.getAllData().length) {
      // Queued behind the writes already in nedb's executor; later operations wait for it.
      this.compact().catch((error: unknown) => {
        this.#logger?.error({ err: error, collection: this.collection }, 'compacting the datafile failed')
      })
    }
    return result
  }
}

function plainDocuments (found: unknown): NedbDocument[] {
  return Array.isArray(found) ? found.filter(isPlainObject) : []
}

function sameKeys (a: Map<string, unknown>, b: Map<string, unknown>): boolean {
  return a.size === b.size && [...a.keys()].every((key) => b.has(key))
}
