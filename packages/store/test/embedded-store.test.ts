import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { DuplicateKeyError, newId, openStore, StoreLockedError, type Store } from '../src/index.js'
import { generated, rejection } from './contract/helpers.js'

async function dataDirFor (t: Test): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'store-embedded-'))
  t.teardown(() => rm(dataDir, { recursive: true, force: true }))
  return dataDir
}

async function opened (t: Test, dataDir: string): Promise<Store> {
  const store = await openStore({ service: 'svc', dataDir })
  t.teardown(() => store.close())
  return store
}

interface Session {
  _id?: string
  email?: string
  createdAt?: Date
  n?: number
}

t.test('documents and unique indexes survive close and reopen', async (t) => {
  const dataDir = await dataDirFor(t)
  const first = await openStore({ service: 'svc', dataDir })
  await first.collection<Session>('users').createIndex({ email: 1 }, { unique: true })
  await first.collection<Session>('users').insertOne({ _id: 'u1', email: 'a@x.cn' })
  await first.close()
  const store = await opened(t, dataDir)
  const users = store.collection<Session>('users')
  t.same(await users.findOne({ _id: 'u1' }), { _id: 'u1', email: 'a@x.cn' })
  t.type(await rejection(users.insertOne({ email: 'a@x.cn' })), DuplicateKeyError, 'the unique index is still enforced')
})

t.test('a TTL index declared again after a reopen expires documents again', async (t) => {
  const dataDir = await dataDirFor(t)
  const first = await openStore({ service: 'svc', dataDir })
  await first.collection<Session>('sessions').createIndex({ createdAt: 1 }, { expireAfterSeconds: 60 })
  await first.close()
  const store = await opened(t, dataDir)
  const sessions = store.collection<Session>('sessions')
  await sessions.createIndex({ createdAt: 1 }, { expireAfterSeconds: 60 })
  await sessions.insertOne({ _id: 'old', createdAt: new Date(Date.now() - 3_600_000) })
  t.equal(await sessions.findOne({ _id: 'old' }), null)
})

t.test('the datafile is compacted while writes keep coming, so it does not grow without bound', async (t) => {
  const dataDir = await dataDirFor(t)
  const store = await opened(t, dataDir)
  const counters = store.collection<Session>('hits')
  for (let n = 1; n <= 1_500; n++) await counters.updateOne({ _id: 'page' }, { $inc: { n: 1 } }, { upsert: true })
  t.same(await counters.findOne({ _id: 'page' }), { _id: 'page', n: 1_500 })
  const lines = (await readFile(join(dataDir, 'svc', 'hits.db'), 'utf8')).split('\n').filter(Boolean)
  t.ok(lines.length < 1_000, `1500 updates of one document left ${lines.length} lines`)
})

t.test('one data directory is opened by one store at a time', async (t) => {
  const dataDir = await dataDirFor(t)
  const first = await openStore({ service: 'svc', dataDir })
  t.type(await rejection(openStore({ service: 'svc', dataDir })), StoreLockedError, 'not twice in one process')
  const other = await opened(t, dataDir.concat('-other'))
  t.teardown(() => rm(dataDir.concat('-other'), { recursive: true, force: true }))
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
  await t.resolves(opened(t, dataDir), 'a lock left by a dead process is taken over')
})

t.test('blob files left by an interrupted put are swept on first use', async (t) => {
  const dataDir = await dataDirFor(t)
  const first = await openStore({ service: 'svc', dataDir })
  const { id } = await first.blobs().put(generated(1000), { contentType: 'image/png' })
  await first.close()
  const bucketDir = join(dataDir, 'svc', 'blobs', 'fs')
  const orphan = newId()
  await writeFile(join(bucketDir, `${newId()}.tmp`), 'partial')
  await writeFile(join(bucketDir, orphan), 'renamed, but its sidecar never was')
  await writeFile(join(bucketDir, `${newId()}.json.tmp`), '{')

  const store = await opened(t, dataDir)
  t.equal((await store.blobs().get(id)).length, 1000)
  t.same((await readdir(bucketDir)).sort(), [id, `${id}.json`])
})
