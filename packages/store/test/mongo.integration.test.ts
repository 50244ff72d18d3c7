import { randomBytes } from 'node:crypto'
import type { Db } from 'mongodb'
import t from 'tap'
import { blobStoreContract, documentsContract, type Adapter } from './contract/index.js'
import { build } from './helper.js'

// Runs the same contract as the embedded store against a real MongoDB; without one it is skipped.
const mongoUrl = process.env.MONGO_URL
const skip = mongoUrl === undefined || mongoUrl === '' ? 'MONGO_URL not set' : false

t.test('MongoDB adapter', { skip }, async (t) => {
  if (mongoUrl === undefined) return
  const { MongoClient } = await import('mongodb')
  const admin = new MongoClient(mongoUrl)
  await admin.connect()
  t.teardown(() => admin.close())

  const ttl = await shortenTtlMonitor(admin.db('admin'), t.teardown.bind(t))
  const run = randomBytes(4).toString('hex')
  let opened = 0

  const mongo: Adapter = {
    async open (t) {
      // One database per test, named for this run, dropped afterwards.
      const service = `store_test_${run}_${++opened}`
      const { store } = await build(t, { service, mongoUrl })
      const db = admin.db(service)
      t.teardown(async () => { await db.dropDatabase() })
      const residue = async (bucket: string): Promise<number> =>
        await db.collection(`${bucket}.files`).countDocuments() +
        await db.collection(`${bucket}.chunks`).countDocuments()
      return { store, residue }
    },
    ttl
  }

  documentsContract(t, mongo)
  blobStoreContract(t, mongo)
})

/**
 * MongoDB's TTL monitor runs every 60 s. Where the server lets us, run it every second for the
 * duration of the test (and restore the setting after); otherwise the TTL test is skipped.
 */
async function shortenTtlMonitor (
  admin: Db, teardown: (fn: () => Promise<void>) => void
): Promise<Adapter['ttl']> {
  try {
    const current = await admin.command({ getParameter: 1, ttlMonitorSleepSecs: 1 })
    await admin.command({ setParameter: 1, ttlMonitorSleepSecs: 1 })
    const restored = current.ttlMonitorSleepSecs ?? 60
    teardown(async () => { await admin.command({ setParameter: 1, ttlMonitorSleepSecs: restored }) })
    return { deadlineMs: 15_000 }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { skip: `cannot shorten the TTL monitor interval: ${reason}` }
  }
}
