import type { Test } from 'tap'
import { DuplicateKeyError, InvalidIndexError, type IndexKeys, type IndexOptions } from '../../src/index.js'
import type { Adapter } from './harness.js'
import { eventually, rejection } from './helpers.js'

interface Account {
  _id?: string
  email?: string | null
  phone?: string
  owner?: string
  plate?: string | null
  nickname?: string | null
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
    const update = accounts.updateOne({ _id: 'b' }, { $set: { email: 'a@x.cn' } })
    t.type(await rejection(update), DuplicateKeyError, 'on update')
    const upsert = accounts.updateOne({ phone: '138' }, { $set: { email: 'b@x.cn' } }, { upsert: true })
    t.type(await rejection(upsert), DuplicateKeyError, 'on upsert')
    const stored = [{ _id: 'a', email: 'a@x.cn' }, { _id: 'b', email: 'b@x.cn' }]
    t.same(await accounts.find({}, { sort: { _id: 1 } }), stored)
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

  t.test('a unique index takes a missing field and null for the same key, from inserts and updates', async (t) => {
    const { store } = await adapter.open(t)
    const accounts = store.collection<Account>('accounts')
    await accounts.createIndex({ email: 1 }, { unique: true })
    await accounts.insertOne({ _id: 'missing' })
    t.type(await rejection(accounts.insertOne({ _id: 'null', email: null })), DuplicateKeyError, 'null after missing')
    await accounts.deleteOne({ _id: 'missing' })
    await accounts.insertOne({ _id: 'null', email: null })
    t.type(await rejection(accounts.insertOne({ _id: 'missing' })), DuplicateKeyError, 'missing after null')
    await accounts.insertOne({ _id: 'set', email: 's@x.cn' })
    const unset = accounts.updateOne({ _id: 'set' }, { $unset: { email: '' } })
    t.type(await rejection(unset), DuplicateKeyError, 'an update that removes the field')
    const upsert = accounts.updateOne({ phone: '138' }, { $set: { owner: 'o' } }, { upsert: true })
    t.type(await rejection(upsert), DuplicateKeyError, 'an upsert without the field')
    const holder = await accounts.updateOne({ _id: 'null' }, { $set: { phone: '139' } })
    t.same(holder, { matchedCount: 1, upsertedId: null }, 'the null holder itself can still be updated')
    t.same((await accounts.find({}, { sort: { _id: 1 } })).map((account) => account._id), ['null', 'set'])
  })

  t.test('a sparse unique index skips missing fields, not null; a compound one counts missing as null', async (t) => {
    const { store } = await adapter.open(t)
    const profiles = store.collection<Account>('profiles')
    await profiles.createIndex({ nickname: 1 }, { unique: true, sparse: true })
    await profiles.insertOne({ _id: 'a' })
    await profiles.insertOne({ _id: 'b' })
    await profiles.insertOne({ _id: 'c', nickname: null })
    t.type(await rejection(profiles.insertOne({ _id: 'd', nickname: null })), DuplicateKeyError, 'a second null')
    const vehicles = store.collection<Account>('vehicles')
    await vehicles.createIndex({ owner: 1, plate: 1 }, { unique: true })
    await vehicles.insertOne({ _id: 'v1', owner: 'o1' })
    const insert = vehicles.insertOne({ _id: 'v2', owner: 'o1', plate: null })
    t.type(await rejection(insert), DuplicateKeyError, '(o1, missing) is (o1, null)')
    await vehicles.insertOne({ _id: 'v3', owner: 'o2', plate: null })
    t.equal(await vehicles.countDocuments(), 2)
  })

  t.test('a unique index cannot be built over a missing field and a null', async (t) => {
    const { store } = await adapter.open(t)
    const accounts = store.collection<Account>('accounts')
    await accounts.insertOne({ _id: 'missing' })
    await accounts.insertOne({ _id: 'null', email: null })
    t.type(await rejection(accounts.createIndex({ email: 1 }, { unique: true })), DuplicateKeyError)
    await accounts.insertOne({ _id: 'another-null', email: null })
    t.equal(await accounts.countDocuments({ email: null }), 3, 'the index is absent')
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
  const skip = 'skip' in ttl ? ttl.skip : false
  t.test('a TTL index removes documents whose date is older than expireAfterSeconds', { skip }, async (t) => {
    const { store } = await adapter.open(t)
    const deadlineMs = 'deadlineMs' in ttl ? ttl.deadlineMs : 0
    const sessions = store.collection<Account>('sessions')
    await sessions.insertOne({ _id: 'old', createdAt: new Date(Date.now() - 3_600_000) })
    await sessions.insertOne({ _id: 'fresh', createdAt: new Date() })
    await sessions.insertOne({ _id: 'not-a-date', createdAt: '2000-01-01' })
    t.equal(await sessions.createIndex({ createdAt: 1 }, { expireAfterSeconds: 60 }), 'createdAt_1')
    const expired = async (): Promise<boolean> => await sessions.findOne({ _id: 'old' }) === null
    t.ok(await eventually(expired, deadlineMs), 'the old document expired')
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
