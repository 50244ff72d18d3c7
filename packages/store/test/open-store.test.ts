import { stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { InvalidNameError, isHexId, newId, openStore } from '../src/index.js'
import { rejection } from './contract/helpers.js'
import { build } from './helper.js'

t.test('without a MongoDB URL the store is embedded, under dataDir/service', async (t) => {
  const { store, dataDir } = await build(t, { service: 'identity', mongoUrl: '' })
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
  const mongoUrl = 'mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=300'
  const error = await rejection(openStore({ service: 'sms', dataDir: tmpdir(), mongoUrl }))
  t.match(error, { name: 'MongoServerSelectionError' })
})

t.test('generated ids are distinct 24-hex strings', async (t) => {
  const ids = Array.from({ length: 10_000 }, () => newId())
  t.equal(new Set(ids).size, ids.length)
  t.ok(ids.every((id) => isHexId(id)))
  t.notOk(isHexId('ABCDEF0123456789ABCDEF01'))
  t.notOk(isHexId(42))
})
