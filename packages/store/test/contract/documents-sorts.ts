import type { Test } from 'tap'
import type { Sort } from '../../src/index.js'
import type { Adapter } from './harness.js'

interface Scored {
  _id: string
  score?: unknown
  items?: Array<{ price: number }>
}

export function documentsSortsContract (t: Test, adapter: Adapter): void {
  t.test('an array field sorts by its smallest element ascending and its largest descending; an empty array sorts before missing', async (t) => {
    const { store } = await adapter.open(t)
    const scores = store.collection<Scored>('scores')
    const documents: Scored[] = [{ _id: 'p', score: [5, 1] }, { _id: 'q', score: [3] }, { _id: 'r', score: 2 }, { _id: 's', score: [4, 6] }, { _id: 'e', score: [] }, { _id: 'm' }]
    for (const document of documents) await scores.insertOne(document)
    const ids = async (sort: Sort): Promise<string[]> => (await scores.find({}, { sort })).map((document) => document._id)
    t.same(await ids({ score: 1 }), ['e', 'm', 'p', 'r', 'q', 's'], 'ascending: [] < missing < 1 < 2 < 3 < 4')
    t.same(await ids({ score: -1 }), ['s', 'p', 'q', 'r', 'm', 'e'], 'descending: 6 > 5 > 3 > 2 > missing > []')
  })

  t.test('a dotted sort through an array of subdocuments uses the smallest or largest of their values', async (t) => {
    const { store } = await adapter.open(t)
    const orders = store.collection<Scored>('orders')
    await orders.insertOne({ _id: 'wide', items: [{ price: 9 }, { price: 1 }] })
    await orders.insertOne({ _id: 'narrow', items: [{ price: 5 }] })
    t.same((await orders.find({}, { sort: { 'items.price': 1 } })).map((order) => order._id), ['wide', 'narrow'], 'ascending: 1 before 5')
    t.same((await orders.find({}, { sort: { 'items.price': -1 } })).map((order) => order._id), ['wide', 'narrow'], 'descending: 9 before 5')
  })

  t.test('null and missing sort as equals, before every other type, which follow in BSON order', async (t) => {
    const { store } = await adapter.open(t)
    const values = store.collection<Scored>('values')
    const documents: Scored[] = [
      { _id: 'date', score: new Date('2024-01-01T00:00:00Z') },
      { _id: 'true', score: true },
      { _id: 'object', score: { a: 1 } },
      { _id: 'string', score: 'x' },
      { _id: 'number', score: 10 },
      { _id: 'null', score: null },
      { _id: 'missing' }
    ]
    for (const document of documents) await values.insertOne(document)
    const ids = async (sort: Sort): Promise<string[]> => (await values.find({}, { sort })).map((document) => document._id)
    t.same(await ids({ score: 1, _id: 1 }), ['missing', 'null', 'number', 'string', 'object', 'true', 'date'], 'null and missing tie, broken by _id')
    t.same(await ids({ score: -1, _id: 1 }), ['date', 'true', 'object', 'string', 'number', 'missing', 'null'], 'descending, the tie still broken by _id ascending')
  })

  t.test('strings sort and compare by code point: a character from U+10000 on comes after U+E000–U+FFFF', async (t) => {
    const { store } = await adapter.open(t)
    const names = store.collection<{ _id: string, name: string }>('names')
    // 😀 is U+1F600 (UTF-16: D83D DE00), ！ is U+FF01: JavaScript's UTF-16 order puts 😀 first.
    for (const [id, name] of [['emoji', '😀'], ['fullwidth', '！'], ['latin', 'z'], ['cjk', '中']] as const) await names.insertOne({ _id: id, name })
    const ids = async (sort: Sort): Promise<string[]> => (await names.find({}, { sort })).map((document) => document._id)
    t.same(await ids({ name: 1 }), ['latin', 'cjk', 'fullwidth', 'emoji'])
    t.same(await ids({ name: -1 }), ['emoji', 'fullwidth', 'cjk', 'latin'])
    const above = await names.find({ name: { $gt: '中' } }, { sort: { name: 1 } })
    t.same(above.map((document) => document._id), ['fullwidth', 'emoji'], 'a range bound below U+D800 splits them as code points do')
  })
}
