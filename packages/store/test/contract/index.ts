import type { Test } from 'tap'
import { blobsContract } from './blobs.js'
import { counterContract } from './counter.js'
import { documentsCrudContract } from './documents-crud.js'
import { documentsFiltersContract } from './documents-filters.js'
import { documentsIndexesContract } from './documents-indexes.js'
import { documentsRefusalsContract } from './documents-refusals.js'
import { documentsSortsContract } from './documents-sorts.js'
import { documentsUpdatesContract } from './documents-updates.js'
import type { Adapter } from './harness.js'

export type { Adapter, Harness, StoreOpener } from './harness.js'
export { documentsRefusalsContract }

/** The documents port (collections and counters): every adapter must pass all of it. */
export function documentsContract (t: Test, adapter: Adapter): void {
  t.test('documents: insert, find, delete', async (t) => { documentsCrudContract(t, adapter) })
  t.test('documents: filters', async (t) => { documentsFiltersContract(t, adapter) })
  t.test('documents: sorts', async (t) => { documentsSortsContract(t, adapter) })
  t.test('documents: updates, upserts, findOneAndUpdate', async (t) => { documentsUpdatesContract(t, adapter) })
  t.test('documents: indexes', async (t) => { documentsIndexesContract(t, adapter) })
  t.test('documents: what the store refuses', async (t) => { documentsRefusalsContract(t, adapter) })
  t.test('documents: counters', async (t) => { counterContract(t, adapter) })
}

/** The blobs port. */
export function blobStoreContract (t: Test, adapter: Adapter): void {
  t.test('blobs', async (t) => { blobsContract(t, adapter) })
}
