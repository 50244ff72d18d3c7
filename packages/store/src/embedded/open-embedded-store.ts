import { access, constants, mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { blobBuckets } from '../blob-buckets.js'
import { createCounter, type CounterDocument } from '../counter.js'
import { StoreClosedError } from '../errors.js'
import { assertCollectionName } from '../names.js'
import type { Logger } from '@driver/contracts'
import type { Store } from '../store.js'
import { lockDataDir } from './data-dir-lock.js'
import { EmbeddedCollection } from './embedded-collection.js'
import { FileBlobStore } from './file-blob-store.js'
import { NedbFile } from './nedb-file.js'
import { assertTtlSweepInterval, DEFAULT_TTL_SWEEP_INTERVAL_MS, startTtlSweep } from './ttl-sweep.js'

export interface EmbeddedStoreOptions {
  service: string
  dataDir: string
  logger?: Logger
  /** How often expired documents are removed from collections with a TTL index; 60 000 by default. */
  ttlSweepIntervalMs?: number
}

/**
 * The store on disk under `<dataDir>/<service>`: one nedb datafile per collection
 * (`<name>.db`), blobs as files under `blobs/<bucket>/`, expired documents swept on a timer.
 */
export async function openEmbeddedStore ({
  service, dataDir, logger, ttlSweepIntervalMs = DEFAULT_TTL_SWEEP_INTERVAL_MS
}: EmbeddedStoreOptions): Promise<Store> {
  assertTtlSweepInterval(ttlSweepIntervalMs)
  const dir = resolve(dataDir, service)
  await mkdir(dir, { recursive: true })
  const unlock = await lockDataDir(dir)
  const files = new Map<string, NedbFile>()
  let closing: Promise<void> | undefined
  const stopSweep = startTtlSweep(() => files.values(), ttlSweepIntervalMs, logger)

  const assertOpen = (): void => {
    if (closing !== undefined) throw new StoreClosedError()
  }
  const fileFor = (name: string): NedbFile => {
    let file = files.get(name)
    if (file === undefined) {
      file = new NedbFile(join(dir, `${name}.db`), name, logger)
      files.set(name, file)
    }
    return file
  }
  const collection = <T extends object>(name: string): EmbeddedCollection<T> => {
    assertOpen()
    assertCollectionName(name)
    return new EmbeddedCollection<T>(name, fileFor(name), assertOpen)
  }

  logger?.info({ service, dir }, 'embedded store opened')
  return {
    kind: 'embedded',
    collection,
    blobs: blobBuckets(assertOpen, (bucket) =>
      new FileBlobStore(join(dir, 'blobs', bucket), bucket, assertOpen, logger)),
    counter (name) {
      return createCounter(collection<CounterDocument>('counters'), name)
    },
    async ping () {
      assertOpen()
      await access(dir, constants.W_OK)
    },
    async close () {
      closing ??= (async () => {
        await stopSweep()
        // Queued behind pending writes; leaves every datafile compacted and fsynced.
        await Promise.allSettled([...files.values()].map((file) => file.queue.run(() => file.compact())))
        await unlock()
      })()
      await closing
    }
  }
}
