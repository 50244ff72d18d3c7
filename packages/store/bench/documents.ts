import { performance } from 'node:perf_hooks'
import type { Store } from '../src/index.js'
import { formatNumber } from './markdown-table.js'

interface Driver {
  _id?: string
  email: string
  name: string
  city: string
  age: number
  tags: string[]
}

const CITIES = ['Beijing', 'Shanghai', 'Jinan', 'Xi\'an', 'Chengdu']

async function measure (
  operation: string, count: number, run: (index: number) => Promise<unknown>
): Promise<Record<string, string>> {
  const started = performance.now()
  for (let index = 0; index < count; index++) await run(index)
  const seconds = (performance.now() - started) / 1000
  return {
    operation,
    count: formatNumber(count),
    'ops/s': formatNumber(count / seconds),
    'µs/op': formatNumber(seconds * 1e6 / count, 1)
  }
}

/** A keyword with its RegExp syntax escaped, as the services build a search. */
const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')

/** Sequential, awaited operations, as a request handler issues them, on the embedded store. */
export async function benchDocuments (store: Store, count: number): Promise<Array<Record<string, string>>> {
  const drivers = store.collection<Driver>('drivers')
  await drivers.createIndex({ email: 1 }, { unique: true })
  const ids: string[] = []
  const rows = [await measure('insertOne (unique index on email)', count, async (index) => {
    const { insertedId } = await drivers.insertOne({
      email: `driver${index}@example.cn`,
      name: `Driver ${index}`,
      city: CITIES[index % CITIES.length] ?? 'Beijing',
      age: 20 + (index % 40),
      tags: index % 3 === 0 ? ['A2', 'B1'] : ['C1']
    })
    ids.push(insertedId)
  })]
  const pick = (index: number): number => (index * 7919) % count
  rows.push(await measure('findOne by _id', count, async (index) =>
    await drivers.findOne({ _id: ids[pick(index)] ?? '' })))
  rows.push(await measure('findOne by indexed email', count, async (index) =>
    await drivers.findOne({ email: `driver${pick(index)}@example.cn` })))
  const searches = Math.max(1, Math.floor(count / 20))
  const scan = `scan of ${formatNumber(count)}`
  rows.push(await measure(`find { city, age $gte, tags } sort age limit 20 (${scan})`, searches, async (index) =>
    await drivers.find(
      { city: CITIES[index % CITIES.length] ?? 'Beijing', age: { $gte: 30 }, tags: 'A2' },
      { sort: { age: -1 }, limit: 20 }
    )))
  rows.push(await measure(`find { name: keyword RegExp, i } limit 20 (${scan})`, searches, async (index) =>
    await drivers.find({ name: new RegExp(escaped(`r ${index % 100}`), 'i') }, { limit: 20 })))
  rows.push(await measure('updateOne by _id ($inc)', count, async (index) =>
    await drivers.updateOne({ _id: ids[pick(index)] ?? '' }, { $inc: { age: 1 } })))
  return rows
}
