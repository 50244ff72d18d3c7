import type { Logger } from '@driver/contracts'
import type { BlobStore } from './blob-store.js'
import type { Collection } from './collection.js'
import type { Document } from './document.js'

/** An atomic sequence of integer ids: 1, 2, 3… with no gaps or repeats under concurrency. */
export interface Counter {
  readonly name: string
  next: () => Promise<number>
}

export interface Store {
  readonly kind: 'embedded' | 'mongodb'
  /** Cheap; indexes are declared with `createIndex` on the returned collection. */
  collection: <T extends object = Document>(name: string) => Collection<T>
  /** Blob storage; the default bucket is `fs` (GridFS's own default). */
  blobs: (bucket?: string) => BlobStore
  counter: (name: string) => Counter
  /** Resolves when storage answers; for readiness checks. */
  ping: () => Promise<void>
  close: () => Promise<void>
}

export interface StoreOptions {
  /** Database name in MongoDB, directory name under `dataDir` in the embedded store. */
  service: string
  /** Root of the embedded store; unused with `mongoUrl`. */
  dataDir: string
  /** When set, MongoDB through the official driver; otherwise the embedded store. */
  mongoUrl?: string
  logger?: Logger
  /**
   * Embedded store only: how often documents past a TTL index's expiry are removed (and
   * compacted off disk) in collections nobody reads. 60 000 by default, the period of MongoDB's
   * own TTL monitor, which MongoDB runs by itself.
   */
  ttlSweepIntervalMs?: number
}
