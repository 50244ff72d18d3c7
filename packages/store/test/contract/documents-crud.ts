import type { Test } from 'tap'
import { DuplicateKeyError, InvalidDocumentError, InvalidNameError, StoreClosedError } from '../../src/index.js'
import type { Adapter } from './harness.js'
import { rejection } from './helpers.js'

interface Driver {
  _id?: string
  name: string
  age?: number
  born?: Date
  tags?: string[]
  address?: { city: string, street?: string }
}

export function documentsCrudContract (t: Test, adapter: Adapter): void {
  t.test('insertOne generates a 24-hex _id and findOne reads the document back as stored', async (t) => {
    const { store } = await adapter.open(t)
    const drivers = store.collection<Driver>('drivers')
    const born = new Date('1990-05-17T00:00:00.000Z')
    const driver = { name: 'Li Lei', age: 34, born, tags: ['A2'], address: { city: 'Jinan' } }
    const { insertedId } = await drivers.insertOne(driver)
    t.match(insertedId, /^[0-9a-f]{24}$/)
    const found = await drivers.findOne({ _id: insertedId })
    t.same(found, { _id: insertedId, ...driver })
    t.ok(found?.born instanceof Date, 'dates come back as Date')
  })

  t.test('insertOne keeps an _id chosen by the caller, integers included', async (t) => {
    const { store } = await adapter.open(t)
    const users = store.collection<{ _id: number, login: string }>('users')
    t.same(await users.insertOne({ _id: 7, login: 'wang' }), { insertedId: 7 })
    t.same(await users.findOne({ _id: 7 }), { _id: 7, login: 'wang' })
  })

  t.test('a second document with the same _id is a DuplicateKeyError', async (t) => {
    const { store } = await adapter.open(t)
    const drivers = store.collection<Driver>('drivers')
    await drivers.insertOne({ _id: 'd1', name: 'first' })
    const error = await rejection(drivers.insertOne({ _id: 'd1', name: 'second' }))
    t.type(error, DuplicateKeyError)
    t.match(error, { code: 'STORE_DUPLICATE_KEY' })
    t.same(await drivers.find({}), [{ _id: 'd1', name: 'first' }], 'the first document is untouched')
  })

  t.test('fields set to undefined are not stored; unstorable values are refused', async (t) => {
    const { store } = await adapter.open(t)
    const drivers = store.collection<Driver>('drivers')
    const { insertedId } = await drivers.insertOne({ name: 'Han Meimei', age: undefined })
    const found = await drivers.findOne({ _id: insertedId })
    t.notOk(found !== null && 'age' in found)
    const refused = [
      { name: 'x', $where: 1 },
      { name: 'x', 'a.b': 1 },
      { name: 'x', photo: Buffer.from('x') },
      { name: 'x', n: Number.NaN }
    ]
    const loose = store.collection('drivers')
    for (const document of refused) t.type(await rejection(loose.insertOne(document)), InvalidDocumentError)
    t.equal(await drivers.countDocuments(), 1)
  })

  t.test('findOne answers null when nothing matches', async (t) => {
    const { store } = await adapter.open(t)
    t.equal(await store.collection<Driver>('drivers').findOne({ name: 'nobody' }), null)
  })

  t.test('find sorts on one field, then skips and limits', async (t) => {
    const { store } = await adapter.open(t)
    const items = store.collection<{ _id: string, group: string, n: number }>('items')
    for (const [id, group, n] of [['a', 'x', 3], ['b', 'y', 1], ['c', 'x', 4], ['d', 'y', 5], ['e', 'x', 2]] as const) {
      await items.insertOne({ _id: id, group, n })
    }
    const ns = async (options: Parameters<typeof items.find>[1]): Promise<number[]> =>
      (await items.find({}, options)).map((item) => item.n)
    t.same(await ns({ sort: { n: 1 } }), [1, 2, 3, 4, 5])
    t.same(await ns({ sort: { n: -1 }, skip: 1, limit: 2 }), [4, 3])
    t.same(await ns({ sort: { n: 1 }, skip: 4, limit: 10 }), [5])
    t.same(await ns({ sort: { n: 1 }, limit: 0 }), [1, 2, 3, 4, 5], 'limit 0 means no limit')
    t.same(await items.findOne({ group: 'x' }, { sort: { n: -1 } }), { _id: 'c', group: 'x', n: 4 })
  })

  t.test('countDocuments counts what matches; deleteOne removes one match', async (t) => {
    const { store } = await adapter.open(t)
    const drivers = store.collection<Driver>('drivers')
    for (const age of [20, 30, 30, 30, 50]) await drivers.insertOne({ name: `d${age}`, age })
    t.equal(await drivers.countDocuments(), 5)
    t.equal(await drivers.countDocuments({ age: 30 }), 3)
    t.same(await drivers.deleteOne({ age: 30 }), { deletedCount: 1 })
    t.equal(await drivers.countDocuments({ age: 30 }), 2)
    t.same(await drivers.deleteOne({ age: { $gte: 40 } }), { deletedCount: 1 })
    t.same(await drivers.deleteOne({ age: 99 }), { deletedCount: 0 })
    t.same((await drivers.find({}, { sort: { age: 1 } })).map((driver) => driver.age), [20, 30, 30])
  })

  t.test('collections are separate, names are checked, ping answers until close', async (t) => {
    const { store } = await adapter.open(t)
    await store.collection<Driver>('a').insertOne({ name: 'in a' })
    t.equal(await store.collection<Driver>('b').countDocuments(), 0)
    for (const name of ['', '../x', 'a/b', '.hidden', 'system.users', 'x y']) {
      t.throws(() => store.collection(name), InvalidNameError, `refuses "${name}"`)
    }
    await t.resolves(store.ping())
    await store.close()
    await store.close()
    t.type(await rejection(store.ping()), StoreClosedError)
    t.throws(() => store.collection('a'), StoreClosedError)
  })
}
