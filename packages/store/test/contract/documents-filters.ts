import type { Test } from 'tap'
import { InvalidQueryError, type Filter, type Store } from '../../src/index.js'
import type { Adapter } from './harness.js'
import { rejection } from './helpers.js'

interface Person {
  _id: string
  name: string
  age: number
  city?: string
  tags: string[]
  licence?: { class: string, since?: number }
  phone?: string | null
  joined?: Date
}

const people: Person[] = [
  {
    _id: 'a', name: 'Zhang San', age: 25, city: 'Beijing', tags: ['driver', 'a2'],
    licence: { class: 'A2', since: 2010 }, phone: null
  },
  { _id: 'b', name: 'Li Si', age: 32, city: 'Shanghai', tags: ['driver'], licence: { class: 'B1', since: 2015 } },
  { _id: 'c', name: 'Wang Wu', age: 41, city: 'Beijing', tags: [], phone: '13800000000' },
  {
    _id: 'd', name: 'zhao liu', age: 19, tags: ['sales'], joined: new Date('2024-03-01T00:00:00Z'),
    phone: '13900000000'
  }
]

/** Each filter with the ids it must match, following MongoDB's semantics. */
const cases: Array<[string, Filter<Person>, string[]]> = [
  ['equality', { city: 'Beijing' }, ['a', 'c']],
  ['a value matches arrays containing it', { tags: 'driver' }, ['a', 'b']],
  ['an array matches the whole array', { tags: [] }, ['c']],
  ['dotted path', { 'licence.class': 'A2' }, ['a']],
  ['dotted paths match fields of a subdocument in any order', { 'licence.since': 2010, 'licence.class': 'A2' }, ['a']],
  ['a one-field subdocument equals only a subdocument with just that field', { licence: { class: 'A2' } }, []],
  ['null matches null and missing', { phone: null }, ['a', 'b']],
  ['$in', { city: { $in: ['Shanghai', 'Guangzhou'] } }, ['b']],
  ['$in on an array field', { tags: { $in: ['sales', 'a2'] } }, ['a', 'd']],
  ['$in with null also matches missing', { city: { $in: [null, 'Shanghai'] } }, ['b', 'd']],
  ['$nin includes documents without the field', { city: { $nin: ['Beijing'] } }, ['b', 'd']],
  ['$nin on an array field: no element in the list', { tags: { $nin: ['driver'] } }, ['c', 'd']],
  ['$ne includes documents without the field', { city: { $ne: 'Beijing' } }, ['b', 'd']],
  ['$ne on an array field: no element equal', { tags: { $ne: 'driver' } }, ['c', 'd']],
  ['$ne null: present and not null', { phone: { $ne: null } }, ['c', 'd']],
  ['$gt and $lte together', { age: { $gt: 25, $lte: 41 } }, ['b', 'c']],
  ['$gte on strings compares code points', { name: { $gte: 'Wang' } }, ['a', 'c', 'd']],
  ['$lt on dates', { joined: { $lt: new Date('2025-01-01T00:00:00Z') } }, ['d']],
  ['dotted range on a missing subdocument', { 'licence.since': { $gte: 2012 } }, ['b']],
  ['$exists false', { licence: { $exists: false } }, ['c', 'd']],
  ['$exists true counts null as present', { phone: { $exists: true } }, ['a', 'c', 'd']],
  ['$regex, case-insensitive', { name: { $regex: /^z/i } }, ['a', 'd']],
  ['a RegExp as the value', { name: /wu/i }, ['c']],
  ['a RegExp against an array field', { tags: /^s/ }, ['d']],
  ['$or', { $or: [{ city: 'Shanghai' }, { age: { $lt: 20 } }] }, ['b', 'd']],
  ['$and', { $and: [{ city: 'Beijing' }, { age: { $gt: 30 } }] }, ['c']],
  [
    'fields, $ne and $or combined',
    { city: { $ne: 'Shanghai' }, $or: [{ tags: 'driver' }, { tags: 'sales' }] },
    ['a', 'd']
  ],
  ['$ne inside $or', { $or: [{ tags: { $ne: 'driver' } }, { age: 25 }] }, ['a', 'c', 'd']]
]

const refused: Array<[string, Record<string, unknown>]> = [
  ['$where', { $where: 'this.age > 1' }],
  ['$nor', { $nor: [{ age: 1 }] }],
  ['$elemMatch', { tags: { $elemMatch: { $eq: 'driver' } } }],
  ['$mod', { age: { $mod: [2, 0] } }],
  ['an undefined value', { city: undefined }],
  ['operators mixed with fields', { licence: { $exists: true, class: 'A2' } }],
  ['a RegExp with the g flag', { name: /a/g }],
  ['a string $regex', { name: { $regex: '^Z' } }],
  ['$in without an array', { city: { $in: 'Beijing' } }],
  ['$gt on a boolean', { age: { $gt: true } }],
  ['an empty $or', { $or: [] }],
  ['a $-prefixed path', { '$x.y': 1 }],
  // MongoDB compares subdocuments field by field in order ({ x, y } is not { y, x }); nedb ignores the order.
  ['a subdocument value with two fields', { licence: { class: 'A2', since: 2010 } }],
  ['a subdocument with two fields in $in', { licence: { $in: [{ class: 'A2', since: 2010 }] } }],
  ['a subdocument with two fields in $ne', { licence: { $ne: { class: 'A2', since: 2010 } } }],
  ['a subdocument with two fields inside an array value', { tags: [{ a: 1, b: 2 }] }],
  ['a subdocument with two fields nested in a one-field one', { licence: { detail: { a: 1, b: 2 } } }],
  // Code-point and UTF-16 order differ only from U+D800 on (astral characters vs U+E000–U+FFFF).
  ['a string bound holding U+FF01', { name: { $lt: '！' } }],
  ['a string bound holding a character from U+10000 on', { name: { $gte: '😀' } }],
  // MongoDB runs patterns as PCRE, which reads these differently or refuses them.
  ['a \\u escape in a RegExp', { name: /\u4E00/ }],
  ['a \\v escape in a RegExp', { name: /\v/ }],
  ['a \\Z escape in a RegExp', { name: new RegExp('a\\Z') }],
  ['the empty class [^] in a RegExp', { name: /a[^]b/ }],
  ['\\x without two hex digits in a RegExp', { name: new RegExp('\\x{4E00}') }],
  // eslint-disable-next-line no-misleading-character-class -- the very pattern the store refuses
  ['a character from U+10000 on inside a RegExp class', { name: /[😀]/ }]
]

async function seeded (store: Store): Promise<void> {
  const collection = store.collection<Person>('people')
  for (const person of people) await collection.insertOne(person)
}

/** A keyword with its RegExp syntax escaped, as a service builds a search. */
const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')

/** Texts holding RegExp syntax, and keywords (or `^` prefixes) that must find them literally. */
const texts: Record<string, string> = {
  dotted: 'a.b',
  plain: 'axb',
  skills: 'C++ (senior) | Java',
  price: 'costs $5 [net]',
  lines: 'first\nsecond',
  emoji: '司机😀',
  path: 'a/b-c\\d'
}

const searches: Array<[string, RegExp, string[]]> = [
  ['a dot matches only a dot', new RegExp(escaped('a.b')), ['dotted']],
  ['parentheses, plus signs and a bar, case-insensitively', new RegExp(escaped('c++ (SENIOR) |'), 'i'), ['skills']],
  ['a dollar sign and brackets', new RegExp(escaped('$5 [net]')), ['price']],
  ['a line break inside the keyword', new RegExp(escaped('first\nsec')), ['lines']],
  ['a character from U+10000 on', new RegExp(escaped('😀')), ['emoji']],
  ['slashes, a dash and a backslash', new RegExp(escaped('/b-c\\')), ['path']],
  ['a prefix', new RegExp(`^${escaped('a')}`), ['dotted', 'path', 'plain']],
  ['a prefix with syntax in it', new RegExp(`^${escaped('C++')}`), ['skills']],
  ['a prefix is anchored at the start', new RegExp(`^${escaped('b')}`), []]
]

export function documentsFiltersContract (t: Test, adapter: Adapter): void {
  t.test('an escaped keyword or prefix matches its text literally', async (t) => {
    const { store } = await adapter.open(t)
    const notes = store.collection<{ _id: string, text: string }>('notes')
    for (const [id, text] of Object.entries(texts)) await notes.insertOne({ _id: id, text })
    const ids = async (filter: Filter<{ _id: string, text: string }>): Promise<string[]> =>
      (await notes.find(filter, { sort: { _id: 1 } })).map((note) => note._id)
    for (const [name, pattern, expected] of searches) {
      t.same(await ids({ text: pattern }), expected, name)
      t.same(await ids({ text: { $regex: pattern } }), expected, `${name} ($regex)`)
    }
  })

  t.test('filters match with MongoDB semantics', async (t) => {
    const { store } = await adapter.open(t)
    await seeded(store)
    const collection = store.collection<Person>('people')
    for (const [name, filter, expected] of cases) {
      const found = await collection.find(filter, { sort: { _id: 1 } })
      t.same(found.map((person) => person._id), expected, name)
      t.equal(await collection.countDocuments(filter), expected.length, `${name} (count)`)
    }
    const loose = store.collection('people')
    t.same(await loose.find({ age: { $gt: '20' } }), [], 'comparisons never cross types')
  })

  t.test('filters outside the supported subset are refused with InvalidQueryError', async (t) => {
    const { store } = await adapter.open(t)
    await seeded(store)
    const collection = store.collection('people')
    for (const [name, filter] of refused) {
      const error = await rejection(collection.find(filter))
      t.type(error, InvalidQueryError, name)
      t.match(error, { code: 'STORE_INVALID_QUERY' }, name)
    }
    t.type(await rejection(collection.deleteOne({ $where: 'true' })), InvalidQueryError, 'deletes are checked too')
    t.equal(await collection.countDocuments(), people.length)
    const options = [{ sort: { age: 2 } }, { projection: { name: 1, age: 0 } }, { skip: -1 }, { limit: 1.5 }]
    for (const option of options) t.type(await rejection(collection.find({}, option as never)), InvalidQueryError)
  })
}
