import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { InvalidNameError, isHexId, newId, openStore } from '../src/index.js'
import { rejection } from './contract/helpers.js'

t.test('without a MongoDB URL the store is embedded, under dataDir/service', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'store-open-'))
  t.teardown(() => rm(dataDir, { recursive: true, force: true }))
  const store = await openStore({ service: 'identity', dataDir, mongoUrl: '' })
  t.teardown(() => store.close())
  t.equal(store.kind, 'embedded')
  await store.collection('users').insertOne({ name: 'x' })
  t.ok((await stat(join(dataDir, 'identity', 'users.db'))).isFile())
})

t.test('service names that are not safe as a database or directory name are refused', async (t) => {
  for (const service of ['', '../etc', 'a/b', 'a.b', 'x'.repeat(64)]) {
    t.type(await rejection(openStore({ service, dataDir: tmpdir() })), InvalidNameError, `refuses "${service}"`)
  }
})

t.test('an unreachable MongoDB fails openStore instead of failing later', async (t) => {
  const error = await rejection(openStore({ service: 'sms', dataDir: tmpdir(), mongoUrl: 'mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=300' }))
  t.match(error, { name: 'MongoServerSelectionError' })
})

t.test('generated ids are distinct 24-hex strings', async (t) => {
  const ids = Array.from({ length: 10_000 }, () => newId())
  t.equal(new Set(ids).size, ids.length)
  t.ok(ids.every((id) => isHexId(id)))
  t.notOk(isHexId('ABCDEF0123456789ABCDEF01'))
  t.notOk(isHexId(42))
})
