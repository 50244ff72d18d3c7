import { createHook } from 'node:async_hooks'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setImmediate, setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { DuplicateKeyError, InvalidQueryError, newId, openStore, StoreLockedError } from '../src/index.js'
import { eventually, generated, rejection } from './contract/helpers.js'
import { build, temporaryDir } from './helper.js'

interface Session {
  _id?: string
  email?: string
  createdAt?: Date
  n?: number
}

t.test('documents and unique indexes survive close and reopen', async (t) => {
  const dataDir = await temporaryDir(t)
  const first = await openStore({ service: 'svc', dataDir })
  await first.collection<Session>('users').createIndex({ email: 1 }, { unique: true })
  await first.collection<Session>('users').insertOne({ _id: 'u1', email: 'a@x.cn' })
  await first.close()
  const { store } = await build(t, { dataDir })
  const users = store.collection<Session>('users')
  t.same(await users.findOne({ _id: 'u1' }), { _id: 'u1', email: 'a@x.cn' })
  t.type(await rejection(users.insertOne({ email: 'a@x.cn' })), DuplicateKeyError, 'the unique index is still enforced')
})

t.test('a TTL index declared again after a reopen expires documents again', async (t) => {
  const dataDir = await temporaryDir(t)
  const first = await openStore({ service: 'svc', dataDir })
  await first.collection<Session>('sessions').createIndex({ createdAt: 1 }, { expireAfterSeconds: 60 })
  await first.close()
  const { store } = await build(t, { dataDir })
  const sessions = store.collection<Session>('sessions')
  await sessions.createIndex({ createdAt: 1 }, { expireAfterSeconds: 60 })
  await sessions.insertOne({ _id: 'old', createdAt: new Date(Date.now() - 3_600_000) })
  t.equal(await sessions.findOne({ _id: 'old' }), null)
})

/** The `_id`s in a datafile's document lines, and how many lines it has. */
async function datafile (path: string): Promise<{ ids: unknown[], lines: number }> {
  const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
  return { ids: lines.filter((line) => '_id' in line).map((line) => line._id), lines: lines.length }
}

t.test('the TTL sweep removes expired documents nobody reads from memory and from the datafile', async (t) => {
  const { store, dataDir } = await build(t, { ttlSweepIntervalMs: 20 })
  const log = store.collection<Session>('send_log')
  await log.insertOne({ _id: 'old', createdAt: new Date(Date.now() - 3_600_000) })
  await log.insertOne({ _id: 'fresh', createdAt: new Date() })
  const path = join(dataDir, 'svc', 'send_log.db')
  // Read before the TTL index exists: a sweep every 20 ms could otherwise come first.
  t.ok((await datafile(path)).ids.includes('old'), 'appended to the datafile at first')
  await log.createIndex({ createdAt: 1 }, { expireAfterSeconds: 60 })
  // Nothing reads the collection: only the sweep can drop the document. The datafile is then
  // rewritten from memory, so a document missing there is gone from memory too.
  t.ok(await eventually(async () => !(await datafile(path)).ids.includes('old'), 5_000, 20), 'the sweep removed it')
  const compacted = 'compacted: the fresh document and the index, no deletion lines'
  t.same(await datafile(path), { ids: ['fresh'], lines: 2 }, compacted)
})

t.test('closing the store stops the TTL sweep and leaves no timer behind', async (t) => {
  const dataDir = await temporaryDir(t)
  const started = new Set<number>()
  const live = new Set<number>()
  let opening = true
  const timers = createHook({
    init (id, type) {
      if (type !== 'Timeout') return
      live.add(id)
      if (opening) started.add(id)
    },
    destroy (id) { live.delete(id) }
  }).enable()
  t.teardown(() => { timers.disable() })
  const store = await openStore({ service: 'svc', dataDir, ttlSweepIntervalMs: 20 })
  opening = false
  const log = store.collection<Session>('send_log')
  await log.createIndex({ createdAt: 1 }, { expireAfterSeconds: 0 })
  await log.insertOne({ _id: 'later', createdAt: new Date(Date.now() + 1_000) })
  await store.close()
  await setImmediate()
  t.ok(started.size > 0, 'opening the store started a timer')
  t.same([...started].filter((id) => live.has(id)), [], 'close cleared it')
  await sleep(1_500)
  const { ids } = await datafile(join(dataDir, 'svc', 'send_log.db'))
  t.ok(ids.includes('later'), 'a document that expired after close is still in the datafile')
})

t.test('a TTL sweep interval setInterval would not keep is refused', async (t) => {
  for (const ttlSweepIntervalMs of [0, -1, 1.5, 2 ** 31]) {
    const error = await rejection(openStore({ service: 'svc', dataDir: tmpdir(), ttlSweepIntervalMs }))
    t.type(error, RangeError, String(ttlSweepIntervalMs))
  }
})

t.test('the datafile is compacted while writes keep coming, so it does not grow without bound', async (t) => {
  const dataDir = await temporaryDir(t)
  const { store } = await build(t, { dataDir })
  const counters = store.collection<Session>('hits')
  for (let n = 1; n <= 1_500; n++) await counters.updateOne({ _id: 'page' }, { $inc: { n: 1 } }, { upsert: true })
  t.same(await counters.findOne({ _id: 'page' }), { _id: 'page', n: 1_500 })
  const lines = (await readFile(join(dataDir, 'svc', 'hits.db'), 'utf8')).split('\n').filter(Boolean)
  t.ok(lines.length < 1_000, `1500 updates of one document left ${lines.length} lines`)
})

t.test('one data directory is opened by one store at a time', async (t) => {
  const dataDir = await temporaryDir(t)
  const first = await openStore({ service: 'svc', dataDir })
  t.type(await rejection(openStore({ service: 'svc', dataDir })), StoreLockedError, 'not twice in one process')
  const { store: other } = await build(t)
  await t.resolves(other.ping(), 'another directory is independent')
  await first.close()
  const again = await openStore({ service: 'svc', dataDir })
  await again.close()

  await writeFile(join(dataDir, 'svc', 'LOCK'), String(process.ppid))
  const error = await rejection(openStore({ service: 'svc', dataDir }))
  t.type(error, StoreLockedError, 'not while another live process holds it')
  t.match(error, { code: 'STORE_LOCKED', holder: process.ppid })

  const gone = spawn(process.execPath, ['-e', ''])
  await once(gone, 'exit')
  await writeFile(join(dataDir, 'svc', 'LOCK'), String(gone.pid))
  await t.resolves(build(t, { dataDir }), 'a lock left by a dead process is taken over')
})

t.test('blob files left by an interrupted put are swept on first use', async (t) => {
  const dataDir = await temporaryDir(t)
  const first = await openStore({ service: 'svc', dataDir })
  const { id } = await first.blobs().put(generated(1000), { contentType: 'image/png' })
  await first.close()
  const bucketDir = join(dataDir, 'svc', 'blobs', 'fs')
  const orphan = newId()
  await writeFile(join(bucketDir, `${newId()}.tmp`), 'partial')
  await writeFile(join(bucketDir, orphan), 'renamed, but its sidecar never was')
  await writeFile(join(bucketDir, `${newId()}.json.tmp`), '{')

  const { store } = await build(t, { dataDir })
  const kept = await store.blobs().get(id)
  // Read or destroyed, never left to the garbage collector: Node 26 fails a file handle closed by it.
  kept.stream.destroy()
  t.equal(kept.length, 1000)
  t.same((await readdir(bucketDir)).sort(), [id, `${id}.json`])
})

t.test('a sort that meets an array or a subdocument in any match is refused, and nothing is updated', async (t) => {
  // nedb orders arrays and subdocuments its own way (after every scalar), MongoDB by rules the
  // store does not emulate; the embedded store sees every match, so it can refuse instead.
  const { store } = await build(t)
  const scores = store.collection<{ _id: string, score?: unknown, done?: boolean }>('scores')
  const stored: Array<[string, unknown]> = [['number', 1], ['array', [0, 5]], ['string', 'x'], ['object', { a: 1 }]]
  for (const [_id, score] of stored) await scores.insertOne({ _id, score })
  for (const [name, filter] of [['an array', { _id: { $in: ['number', 'array'] } }], ['a subdocument', {}]] as const) {
    const error = await rejection(scores.find(filter, { sort: { score: 1 }, limit: 1 }))
    t.type(error, InvalidQueryError, name)
    t.match(error, { code: 'STORE_INVALID_QUERY' }, name)
  }
  const update = scores.findOneAndUpdate({}, { $set: { done: true } }, { sort: { score: -1 } })
  t.type(await rejection(update), InvalidQueryError, 'findOneAndUpdate with that sort')
  t.equal(await scores.countDocuments({ done: true }), 0, 'nothing was updated')
  const scalars = await scores.find({ _id: { $in: ['number', 'string'] } }, { sort: { score: -1 } })
  t.same(scalars.map((document) => document._id), ['string', 'number'], 'a filter that leaves them out sorts')
})
