import type { Test } from 'tap'
import { DuplicateKeyError, InvalidIndexError, type IndexKeys, type IndexOptions } from '../../src/index.js'
import type { Adapter } from './harness.js'
import { eventually, rejection } from './helpers.js'

interface Account {
  _id?: string
  email?: string
  phone?: string
  owner?: string
  plate?: string
  nickname?: string
  createdAt?: Date | string
}

export function documentsIndexesContract (t: Test, adapter: Adapter): void {
  t.test('a unique index refuses duplicates from inserts, updates and upserts', async (t) => {
    const { store } = await adapter.open(t)
    const accounts = store.collection<Account>('accounts')
    t.equal(await accounts.createIndex({ email: 1 }, { unique: true }), 'email_1')
    t.equal(await accounts.createIndex({ email: 1 }, { unique: true }), 'email_1', 'declaring it again is harmless')
    await accounts.insertOne({ _id: 'a', email: 'a@x.cn' })
    await accounts.insertOne({ _id: 'b', email: 'b@x.cn' })
    const onInsert = await rejection(accounts.insertOne({ email: 'a@x.cn' }))
    t.type(onInsert, DuplicateKeyError)
    t.match(onInsert, { code: 'STORE_DUPLICATE_KEY', name: 'DuplicateKeyError' })
    t.type(await rejection(accounts.updateOne({ _id: 'b' }, { $set: { email: 'a@x.cn' } })), DuplicateKeyError, 'on update')
    t.type(await rejection(accounts.updateOne({ phone: '138' }, { $set: { email: 'b@x.cn' } }, { upsert: true })), DuplicateKeyError, 'on upsert')
    t.same(await accounts.find({}, { sort: { _id: 1 } }), [{ _id: 'a', email: 'a@x.cn' }, { _id: 'b', email: 'b@x.cn' }])
  })

  t.test('a compound unique index refuses only the repeated combination', async (t) => {
    const { store } = await adapter.open(t)
    const vehicles = store.collection<Account>('vehicles')
    t.equal(await vehicles.createIndex({ owner: 1, plate: -1 }, { unique: true }), 'owner_1_plate_-1')
    await vehicles.insertOne({ owner: 'o1', plate: 'A' })
    await vehicles.insertOne({ owner: 'o1', plate: 'B' })
    await vehicles.insertOne({ owner: 'o2', plate: 'A' })
    t.type(await rejection(vehicles.insertOne({ owner: 'o1', plate: 'A' })), DuplicateKeyError)
    t.equal(await vehicles.countDocuments(), 3)
  })

  t.test('a unique index allows one document without the field; a sparse one allows many', async (t) => {
    const { store } = await adapter.open(t)
    const accounts = store.collection<Account>('accounts')
    await accounts.createIndex({ email: 1 }, { unique: true })
    await accounts.createIndex({ nickname: 1 }, { unique: true, sparse: true })
    await accounts.insertOne({ _id: '1' })
    t.type(await rejection(accounts.insertOne({ _id: '2' })), DuplicateKeyError, 'a missing field counts as one key')
    await accounts.insertOne({ _id: '3', email: 'x@x.cn' })
    await accounts.insertOne({ _id: '4', email: 'y@x.cn' })
    await accounts.insertOne({ _id: '5', email: 'z@x.cn', nickname: 'n' })
    t.type(await rejection(accounts.insertOne({ email: 'w@x.cn', nickname: 'n' })), DuplicateKeyError)
  })

  t.test('a unique index cannot be built over duplicates and is then absent', async (t) => {
    const { store } = await adapter.open(t)
    const accounts = store.collection<Account>('accounts')
    await accounts.insertOne({ email: 'same@x.cn' })
    await accounts.insertOne({ email: 'same@x.cn' })
    t.type(await rejection(accounts.createIndex({ email: 1 }, { unique: true })), DuplicateKeyError)
    await accounts.insertOne({ email: 'same@x.cn' })
    t.equal(await accounts.countDocuments({ email: 'same@x.cn' }), 3)
  })

  const { ttl } = adapter
  t.test('a TTL index removes documents whose date is older than expireAfterSeconds', { skip: 'skip' in ttl ? ttl.skip : false }, async (t) => {
    const { store } = await adapter.open(t)
    const deadlineMs = 'deadlineMs' in ttl ? ttl.deadlineMs : 0
    const sessions = store.collection<Account>('sessions')
    await sessions.insertOne({ _id: 'old', createdAt: new Date(Date.now() - 3_600_000) })
    await sessions.insertOne({ _id: 'fresh', createdAt: new Date() })
    await sessions.insertOne({ _id: 'not-a-date', createdAt: '2000-01-01' })
    t.equal(await sessions.createIndex({ createdAt: 1 }, { expireAfterSeconds: 60 }), 'createdAt_1')
    t.ok(await eventually(async () => await sessions.findOne({ _id: 'old' }) === null, deadlineMs), 'the old document expired')
    t.same((await sessions.find({}, { sort: { _id: 1 } })).map((session) => session._id), ['fresh', 'not-a-date'])
  })

  t.test('index specifications both adapters cannot honour alike are refused', async (t) => {
    const { store } = await adapter.open(t)
    const accounts = store.collection<Account>('accounts')
    const refused: Array<[IndexKeys, IndexOptions]> = [
      [{}, {}],
      [{ email: 2 as 1 }, {}],
      [{ email: 1, phone: 1 }, { expireAfterSeconds: 10 }],
      [{ 'profile.createdAt': 1 }, { expireAfterSeconds: 10 }],
      [{ createdAt: 1 }, { expireAfterSeconds: -1 }]
    ]
    for (const [keys, options] of refused) {
      t.type(await rejection(accounts.createIndex(keys, options)), InvalidIndexError, JSON.stringify([keys, options]))
    }
  })
}
