import type { Test } from 'tap'
import type { Filter, Sort } from '../../src/index.js'
import type { Adapter } from './harness.js'

interface Scored {
  _id: string
  score?: string | number | boolean | Date | null
}

export function documentsSortsContract (t: Test, adapter: Adapter): void {
  t.test('null and missing sort before every other type, which follow in BSON order', async (t) => {
    const { store } = await adapter.open(t)
    const values = store.collection<Scored>('values')
    const documents: Scored[] = [
      { _id: 'date', score: new Date('2024-01-01T00:00:00Z') },
      { _id: 'true', score: true },
      { _id: 'string', score: 'x' },
      { _id: 'number', score: 10 },
      { _id: 'null', score: null },
      { _id: 'missing' }
    ]
    for (const document of documents) await values.insertOne(document)
    const ids = async (sort: Sort<Scored>): Promise<string[]> =>
      (await values.find({}, { sort })).map((document) => document._id)
    // MongoDB ranks null and missing equal, so the two may come in either order.
    const ascending = await ids({ score: 1 })
    t.same(ascending.slice(0, 2).sort(), ['missing', 'null'], 'null and missing first')
    t.same(ascending.slice(2), ['number', 'string', 'true', 'date'], 'then numbers, strings, booleans, dates')
    const descending = await ids({ score: -1 })
    t.same(descending.slice(0, 4), ['date', 'true', 'string', 'number'], 'descending: the reverse')
    t.same(descending.slice(4).sort(), ['missing', 'null'], 'null and missing last')
  })

  t.test('numbers sort by value and dates by time', async (t) => {
    const { store } = await adapter.open(t)
    const values = store.collection<Scored>('values')
    const numbers = [['n1', 2.5], ['n2', -3], ['n3', 10], ['n4', 0], ['n5', 1e9]] as const
    const dates = [['d1', '2024-03-01'], ['d2', '1999-12-31'], ['d3', '2024-02-29']] as const
    for (const [id, score] of numbers) await values.insertOne({ _id: id, score })
    for (const [id, day] of dates) await values.insertOne({ _id: id, score: new Date(`${day}T00:00:00Z`) })
    const ids = async (filter: Filter<Scored>, sort: Sort<Scored>): Promise<string[]> =>
      (await values.find(filter, { sort })).map((document) => document._id)
    t.same(await ids({ _id: { $in: numbers.map(([id]) => id) } }, { score: 1 }), ['n2', 'n4', 'n1', 'n3', 'n5'])
    t.same(await ids({ _id: { $in: dates.map(([id]) => id) } }, { score: -1 }), ['d1', 'd3', 'd2'])
  })

  t.test('strings sort and compare by code point: a character from U+10000 on comes after U+E000–U+FFFF', async (t) => {
    const { store } = await adapter.open(t)
    const names = store.collection<{ _id: string, name: string }>('names')
    // 😀 is U+1F600 (UTF-16: D83D DE00), ！ is U+FF01: JavaScript's UTF-16 order puts 😀 first.
    const stored = [['emoji', '😀'], ['fullwidth', '！'], ['latin', 'z'], ['cjk', '中']] as const
    for (const [id, name] of stored) await names.insertOne({ _id: id, name })
    const ids = async (sort: Sort<{ _id: string, name: string }>): Promise<string[]> =>
      (await names.find({}, { sort })).map((document) => document._id)
    t.same(await ids({ name: 1 }), ['latin', 'cjk', 'fullwidth', 'emoji'])
    t.same(await ids({ name: -1 }), ['emoji', 'fullwidth', 'cjk', 'latin'])
    const above = await names.find({ name: { $gt: '中' } }, { sort: { name: 1 } })
    const split = 'a range bound below U+D800 splits them as code points do'
    t.same(above.map((document) => document._id), ['fullwidth', 'emoji'], split)
  })
}
