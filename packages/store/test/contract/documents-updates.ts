import type { Test } from 'tap'
import { InvalidUpdateError, type Document, type Update } from '../../src/index.js'
import type { Adapter } from './harness.js'
import { rejection } from './helpers.js'

interface Vehicle {
  plate: string
  kind: string
}

interface Resume {
  _id?: string
  name: string
  phone?: string
  visits?: number
  tags?: string[]
  vehicles?: Vehicle[]
  profile?: { city?: string, openid?: string }
  status?: string
  n?: number
}

export function documentsUpdatesContract (t: Test, adapter: Adapter): void {
  t.test('$set, $unset and $inc change fields, dotted paths create subdocuments', async (t) => {
    const { store } = await adapter.open(t)
    const resumes = store.collection<Resume>('resumes')
    await resumes.insertOne({ _id: 'r', name: 'Li', phone: '138', visits: 1 })
    const result = await resumes.updateOne({ _id: 'r' }, {
      $set: { name: 'Li Lei', 'profile.city': 'Jinan' },
      $unset: { phone: '' },
      $inc: { visits: 2, n: 5 }
    })
    t.same(result, { matchedCount: 1, upsertedId: null })
    const updated = { _id: 'r', name: 'Li Lei', profile: { city: 'Jinan' }, visits: 3, n: 5 }
    t.same(await resumes.findOne({ _id: 'r' }), updated)
  })

  t.test('$push appends a value or $each values, creating the array', async (t) => {
    const { store } = await adapter.open(t)
    const resumes = store.collection<Resume>('resumes')
    await resumes.insertOne({ _id: 'r', name: 'Li' })
    await resumes.updateOne({ _id: 'r' }, { $push: { tags: 'A2' } })
    const truck = { plate: 'LU-1', kind: 'truck' }
    await resumes.updateOne({ _id: 'r' }, { $push: { tags: { $each: ['B1', 'C1'] }, vehicles: truck } })
    t.same(await resumes.findOne({ _id: 'r' }), { _id: 'r', name: 'Li', tags: ['A2', 'B1', 'C1'], vehicles: [truck] })
  })

  t.test('$pull removes equal values, values matching operators, subdocuments matching a filter', async (t) => {
    const { store } = await adapter.open(t)
    const resumes = store.collection<Resume>('resumes')
    const van = { plate: 'LU-2', kind: 'van' }
    const vehicles = [{ plate: 'LU-1', kind: 'truck' }, van, { plate: 'LU-3', kind: 'truck' }]
    await resumes.insertOne({ _id: 'r', name: 'Li', tags: ['a', 'b', 'a', 'c', 'd'], vehicles })
    await resumes.updateOne({ _id: 'r' }, { $pull: { tags: 'a' } })
    await resumes.updateOne({ _id: 'r' }, { $pull: { tags: { $in: ['c', 'd'] }, vehicles: { kind: 'truck' } } })
    t.same(await resumes.findOne({ _id: 'r' }), { _id: 'r', name: 'Li', tags: ['b'], vehicles: [van] })
  })

  t.test('$pull on a missing field changes nothing and is no error', async (t) => {
    const { store } = await adapter.open(t)
    const resumes = store.collection<Resume>('resumes')
    await resumes.insertOne({ _id: 'r', name: 'Li' })
    t.same(await resumes.updateOne({ _id: 'r' }, { $pull: { tags: 'x' } }), { matchedCount: 1, upsertedId: null })
    t.same(await resumes.findOne({ _id: 'r' }), { _id: 'r', name: 'Li' })
  })

  t.test('updateOne changes the first match and reports whether one matched', async (t) => {
    const { store } = await adapter.open(t)
    const resumes = store.collection<Resume>('resumes')
    for (const n of [1, 2, 3]) await resumes.insertOne({ name: `r${n}`, n, status: 'new' })
    const first = await resumes.updateOne({ status: 'new' }, { $set: { status: 'seen' } })
    t.same(first, { matchedCount: 1, upsertedId: null })
    t.equal(await resumes.countDocuments({ status: 'new' }), 2, 'the others are untouched')
    const noOp = await resumes.updateOne({ status: 'seen' }, { $set: { status: 'seen' } })
    t.same(noOp, { matchedCount: 1, upsertedId: null }, 'a no-op update still matches')
    const none = await resumes.updateOne({ status: 'gone' }, { $set: { status: 'x' } })
    t.same(none, { matchedCount: 0, upsertedId: null })
  })

  t.test('an upsert inserts the filter equalities with the update applied, then updates', async (t) => {
    const { store } = await adapter.open(t)
    const resumes = store.collection<Resume>('resumes')
    const visit = { $set: { name: 'Li' }, $inc: { visits: 1 } }
    const first = await resumes.updateOne({ phone: '138' }, visit, { upsert: true })
    t.equal(first.matchedCount, 0)
    t.match(first.upsertedId, /^[0-9a-f]{24}$/)
    const second = await resumes.updateOne({ phone: '138' }, visit, { upsert: true })
    t.same(second, { matchedCount: 1, upsertedId: null })
    t.same(await resumes.find({}), [{ _id: first.upsertedId, phone: '138', name: 'Li', visits: 2 }])
  })

  t.test('an upsert takes dotted and $and equalities but not operator conditions', async (t) => {
    const { store } = await adapter.open(t)
    const resumes = store.collection<Resume>('resumes')
    const filter = {
      'profile.openid': 'o-1', $and: [{ name: 'Wang' }], n: { $gt: 5 }, status: { $in: ['new', 'seen'] }
    }
    const { upsertedId } = await resumes.updateOne(filter, { $set: { tags: ['x'] } }, { upsert: true })
    t.same(await resumes.findOne({}), { _id: upsertedId, profile: { openid: 'o-1' }, name: 'Wang', tags: ['x'] })
  })

  t.test('findOneAndUpdate returns the document before (default) or after the update', async (t) => {
    const { store } = await adapter.open(t)
    const resumes = store.collection<Resume>('resumes')
    await resumes.insertOne({ _id: 'r', name: 'Li', visits: 1 })
    t.same(await resumes.findOneAndUpdate({ _id: 'r' }, { $inc: { visits: 1 } }), { _id: 'r', name: 'Li', visits: 1 })
    const after = await resumes.findOneAndUpdate({ _id: 'r' }, { $inc: { visits: 1 } }, { returnDocument: 'after' })
    t.same(after, { _id: 'r', name: 'Li', visits: 3 })
    t.equal(await resumes.findOneAndUpdate({ _id: 'none' }, { $inc: { visits: 1 } }, { returnDocument: 'after' }), null)
    t.equal(await resumes.countDocuments(), 1, 'no upsert unless asked')
  })

  t.test('findOneAndUpdate upserts: after returns the new document, before returns null', async (t) => {
    const { store } = await adapter.open(t)
    const resumes = store.collection<Resume>('resumes')
    const inserted = await resumes.findOneAndUpdate(
      { _id: 'fixed' }, { $set: { name: 'A' } }, { upsert: true, returnDocument: 'after' }
    )
    t.same(inserted, { _id: 'fixed', name: 'A' })
    t.equal(await resumes.findOneAndUpdate({ name: 'B' }, { $set: { n: 1 } }, { upsert: true }), null)
    const created = await resumes.findOne({ name: 'B' })
    t.match(created, { name: 'B', n: 1 })
    t.match(created?._id, /^[0-9a-f]{24}$/)
  })

  t.test('findOneAndUpdate with a sort updates the first document in that order', async (t) => {
    const { store } = await adapter.open(t)
    const resumes = store.collection<Resume>('resumes')
    for (const n of [2, 3, 1]) await resumes.insertOne({ name: `r${n}`, n, status: 'new' })
    const taken = await resumes.findOneAndUpdate(
      { status: 'new' }, { $set: { status: 'taken' } }, { sort: { n: -1 }, returnDocument: 'after' }
    )
    t.match(taken, { n: 3, status: 'taken' })
    t.same((await resumes.find({ status: 'new' }, { sort: { n: 1 } })).map((resume) => resume.n), [1, 2])
  })

  t.test('updates outside the supported operators, or of _id, are refused', async (t) => {
    const { store } = await adapter.open(t)
    const resumes = store.collection('resumes')
    await resumes.insertOne({ _id: 'r', name: 'Li', n: 1 })
    const refused: unknown[] = [
      { name: 'replacement' },
      { $set: { _id: 'other' } },
      { $rename: { name: 'title' } },
      { $set: { n: 2 }, $inc: { n: 1 } },
      { $set: { profile: 1, 'profile.city': 'x' } },
      { $set: { profile: 1, 'profile-x': 2, 'profile.city': 'x' } },
      { $pull: { vehicles: { plate: { a: 1, b: 2 } } } },
      { $pull: { tags: [{ a: 1, b: 2 }] } },
      { $inc: { n: '1' } },
      { $push: { tags: { $each: ['a'], $slice: 1 } } },
      { $set: { name: undefined } },
      {}
    ]
    for (const update of refused) {
      const error = await rejection(resumes.updateOne({ _id: 'r' }, update as Update<Document>))
      t.type(error, InvalidUpdateError, JSON.stringify(update))
    }
    t.same(await resumes.findOne({ _id: 'r' }), { _id: 'r', name: 'Li', n: 1 })
  })
}
