import { MongoClient } from 'mongodb'
import { blobBuckets } from '../blob-buckets.js'
import { createCounter, type CounterDocument } from '../counter.js'
import { StoreClosedError } from '../errors.js'
import { assertCollectionName } from '../names.js'
import type { Logger } from '@driver/contracts'
import type { Store } from '../store.js'
import { GridFsBlobStore } from './gridfs-blob-store.js'
import { MongoCollection } from './mongo-collection.js'

export interface MongoStoreOptions {
  service: string
  mongoUrl: string
  logger?: Logger
}

/** The store in MongoDB: the database named after the service, blobs in GridFS; connected before it resolves. */
export async function openMongoStore ({ service, mongoUrl, logger }: MongoStoreOptions): Promise<Store> {
  // Fields set to undefined are left out, as the embedded store (JSON) does, instead of stored as null.
  const client = new MongoClient(mongoUrl, { ignoreUndefined: true })
  try {
    await client.connect()
  } catch (error) {
    await client.close().catch(() => undefined)
    throw error
  }
  return mongoStore(client, service, logger)
}

/**
 * The store on a client, which the driver connects on first use if it is not yet. Input the
 * store refuses never reaches the driver, so refusals can be checked without a server.
 */
export function mongoStore (client: MongoClient, service: string, logger?: Logger): Store {
  const db = client.db(service)
  let closing: Promise<void> | undefined

  const assertOpen = (): void => {
    if (closing !== undefined) throw new StoreClosedError()
  }
  const collection = <T extends object>(name: string): MongoCollection<T> => {
    assertOpen()
    assertCollectionName(name)
    return new MongoCollection<T>(name, db.collection(name), assertOpen)
  }

  // The URL may carry credentials; only the database name is logged.
  logger?.info({ service, database: db.databaseName }, 'mongodb store opened')
  return {
    kind: 'mongodb',
    collection,
    blobs: blobBuckets(assertOpen, (bucket) => new GridFsBlobStore(db, bucket, assertOpen, logger)),
    counter (name) {
      return createCounter(collection<CounterDocument>('counters'), name)
    },
    async ping () {
      assertOpen()
      await db.command({ ping: 1 })
    },
    async close () {
      closing ??= client.close()
      await closing
    }
  }
}
