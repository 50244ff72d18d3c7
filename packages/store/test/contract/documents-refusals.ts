import type { Test } from 'tap'
import { InvalidQueryError, InvalidUpdateError, type Collection, type Document, type Update } from '../../src/index.js'
import type { StoreOpener } from './harness.js'
import { rejection } from './helpers.js'

/**
 * RegExps other than an escaped literal (maybe anchored with `^`, maybe with `i`): JavaScript and
 * MongoDB's PCRE read such patterns differently in places.
 */
const patterns: Array<[string, RegExp]> = [
  ['an unescaped dot', /a.b/],
  ['$ at the end (PCRE also matches before a final newline)', /wu$/i],
  ['the m flag', /^wang/m],
  ['the s flag', /a/s],
  ['the g flag', /a/g],
  ['the u flag', /a/u],
  ['the y flag', /a/y],
  ['an alternative', /wang|li/],
  ['a class', /[wl]i/],
  ['a quantifier', /li+/],
  ['braces', /l{2}/],
  ['a group', /(li)/],
  ['\\d', /\d/],
  ['\\s', /a\sb/],
  ['\\b', /\bli/],
  ['\\x41', /\x41/],
  ['the empty pattern', /(?:)/],
  ['a second ^', /^^li/],
  ['^ inside', /a^b/]
]

const sorts: Array<[string, unknown]> = [
  ['two fields', { group: 1, n: -1 }],
  ['no field', {}],
  ['a path into a subdocument', { 'licence.since': 1 }],
  ['a path into an array', { 'tags.0': 1 }],
  ['a direction other than 1 or -1', { n: 2 }],
  ['a direction given as a word', { n: 'asc' }],
  ['a field name alone', 'n'],
  ['an array of pairs', [['n', 1]]]
]

const options: Array<[string, object]> = [
  ['an inclusion projection', { projection: { _id: 1 } }],
  ['an exclusion projection', { projection: { name: 0 } }],
  ['an empty projection', { projection: {} }],
  ['a collation', { collation: { locale: 'zh' } }],
  ['a hint', { hint: { _id: 1 } }]
]

type Refusal = typeof InvalidQueryError | typeof InvalidUpdateError

async function assertRefused (t: Test, operation: Promise<unknown>, type: Refusal, name: string): Promise<void> {
  const error = await rejection(operation)
  t.type(error, type, name)
  t.match(error, { code: type === InvalidQueryError ? 'STORE_INVALID_QUERY' : 'STORE_INVALID_UPDATE' }, name)
}

/**
 * What the store does not offer, refused by every adapter before it reaches its engine: these
 * tests need a store, not a server (the MongoDB adapter runs them without one too).
 */
export function documentsRefusalsContract (t: Test, adapter: StoreOpener): void {
  t.test('updateMany and deleteMany are not offered: writes and deletes go one document at a time', async (t) => {
    const { store } = await adapter.open(t)
    const collection = store.collection('people')
    t.notOk('updateMany' in collection, 'no updateMany')
    t.notOk('deleteMany' in collection, 'no deleteMany')
  })

  t.test('a projection, or any find option but sort, skip and limit, is refused', async (t) => {
    const { store } = await adapter.open(t)
    const collection = store.collection('people')
    for (const [name, option] of options) {
      await assertRefused(t, collection.find({}, option as never), InvalidQueryError, `find with ${name}`)
      await assertRefused(t, collection.findOne({}, option as never), InvalidQueryError, `findOne with ${name}`)
    }
  })

  t.test('a sort on anything but one top-level field is refused', async (t) => {
    const { store } = await adapter.open(t)
    const collection: Collection<Document> = store.collection('people')
    for (const [name, sort] of sorts) {
      await assertRefused(t, collection.find({}, { sort } as never), InvalidQueryError, `find: ${name}`)
      const update = collection.findOneAndUpdate({}, { $set: { seen: true } }, { sort, upsert: true } as never)
      await assertRefused(t, update, InvalidQueryError, `findOneAndUpdate: ${name}`)
    }
  })

  t.test('a RegExp that is not an escaped literal is refused, in filters and in $pull', async (t) => {
    const { store } = await adapter.open(t)
    const collection = store.collection('people')
    for (const [name, pattern] of patterns) {
      await assertRefused(t, collection.find({ name: pattern }), InvalidQueryError, name)
      const count = collection.countDocuments({ name: { $regex: pattern } })
      await assertRefused(t, count, InvalidQueryError, `${name} ($regex)`)
      const pullPattern = { $pull: { tags: pattern } } as Update<Document>
      const pull = collection.updateOne({ _id: 'x' }, pullPattern, { upsert: true })
      await assertRefused(t, pull, InvalidUpdateError, `${name} ($pull)`)
    }
  })
}
