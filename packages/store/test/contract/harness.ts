import type { Test } from 'tap'
import type { Store } from '../../src/index.js'

/** What a contract test gets: a fresh store, closed and removed after the test. */
export interface Harness {
  store: Store
  /** Entries the bucket's storage holds (files on disk; files and chunks documents in GridFS). */
  residue: (bucket: string) => Promise<number>
}

/** Enough for the refusals, which never reach the engine: a store (MongoDB's need not be connected). */
export interface StoreOpener {
  open: (t: Test) => Promise<Pick<Harness, 'store'>>
}

export interface Adapter extends StoreOpener {
  open: (t: Test) => Promise<Harness>
  /**
   * How long an expired document may still be read (0: the embedded store expires on read), or
   * why TTL is not tested.
   */
  ttl: { deadlineMs: number } | { skip: string }
}
