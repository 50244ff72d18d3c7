import type { Test } from 'tap'
import { BlobNotFoundError, BlobTooLargeError, InvalidDocumentError, newId } from '../../src/index.js'
import type { Adapter } from './harness.js'
import { digestOf, generated, rejection } from './helpers.js'

export function blobsContract (t: Test, adapter: Adapter): void {
  t.test('a blob streams in and out with its length, sha256 and content type', async (t) => {
    const { store } = await adapter.open(t)
    const blobs = store.blobs()
    t.equal(blobs.bucket, 'fs')
    const size = 700 * 1024 + 13
    const expected = await digestOf(generated(size))
    const info = await blobs.put(generated(size), { contentType: 'image/jpeg' })
    t.match(info.id, /^[0-9a-f]{24}$/)
    t.same(info, { id: info.id, length: size, sha256: expected.sha256, contentType: 'image/jpeg' })
    const { stream, ...stored } = await blobs.get(info.id)
    t.same(stored, info)
    t.same(await digestOf(stream), expected, 'the same bytes come back')
  })

  t.test('filename and metadata round-trip; strings and empty blobs are accepted', async (t) => {
    const { store } = await adapter.open(t)
    const blobs = store.blobs('licences')
    const metadata = { owner: 'u-1', side: 'front', width: 800, verified: false, note: null }
    const named = await blobs.put(['hello ', '世界'], { contentType: 'text/plain', filename: 'hello.txt', metadata })
    const { sha256 } = await digestOf(['hello 世界'])
    t.same(named, { id: named.id, length: 12, sha256, contentType: 'text/plain', filename: 'hello.txt', metadata })
    const { stream, ...stored } = await blobs.get(named.id)
    stream.destroy()
    t.same(stored, named)
    const empty = await blobs.put([], { contentType: 'application/octet-stream' })
    t.equal(empty.length, 0)
    t.same(await digestOf((await blobs.get(empty.id)).stream), { sha256: empty.sha256, length: 0 })
  })

  t.test('an unknown or malformed id is BlobNotFoundError; buckets are separate', async (t) => {
    const { store } = await adapter.open(t)
    const { id } = await store.blobs('images').put(generated(10), { contentType: 'image/png' })
    for (const missing of [newId(), '../../../etc/passwd', 'ABCDEF0123456789ABCDEF01', '']) {
      const error = await rejection(store.blobs('images').get(missing))
      t.type(error, BlobNotFoundError, `get("${missing}")`)
      t.match(error, { code: 'STORE_BLOB_NOT_FOUND' })
    }
    t.type(await rejection(store.blobs().get(id)), BlobNotFoundError, 'another bucket does not see it')
  })

  t.test('delete removes the blob and everything stored for it', async (t) => {
    const { store, residue } = await adapter.open(t)
    const blobs = store.blobs()
    const { id } = await blobs.put(generated(300 * 1024), { contentType: 'image/jpeg' })
    t.ok(await residue('fs') > 0)
    t.equal(await blobs.delete(id), true)
    t.type(await rejection(blobs.get(id)), BlobNotFoundError)
    t.equal(await blobs.delete(id), false, 'deleting again finds nothing')
    t.equal(await blobs.delete('not-an-id'), false)
    t.equal(await residue('fs'), 0)
  })

  t.test('past maxBytes the put fails with BlobTooLargeError and leaves nothing behind', async (t) => {
    const { store, residue } = await adapter.open(t)
    const blobs = store.blobs()
    const put = blobs.put(generated(1024 * 1024, 16 * 1024), { contentType: 'image/jpeg', maxBytes: 600 * 1024 })
    const error = await rejection(put)
    t.type(error, BlobTooLargeError)
    t.match(error, { code: 'STORE_BLOB_TOO_LARGE', maxBytes: 600 * 1024 })
    t.equal(await residue('fs'), 0)
    const exact = await blobs.put(generated(600 * 1024), { contentType: 'image/jpeg', maxBytes: 600 * 1024 })
    t.equal(exact.length, 600 * 1024, 'exactly maxBytes is accepted')
  })

  t.test('a source that fails midway rejects the put and leaves nothing behind', async (t) => {
    const { store, residue } = await adapter.open(t)
    async function * failing (): AsyncGenerator<Uint8Array> {
      yield * generated(512 * 1024)
      throw new Error('client went away')
    }
    const put = store.blobs().put(failing(), { contentType: 'image/jpeg' })
    t.match(await rejection(put), { message: 'client went away' })
    t.equal(await residue('fs'), 0)
  })

  t.test('put options are checked before any byte is read', async (t) => {
    const { store } = await adapter.open(t)
    const refused = [
      { contentType: '' }, { contentType: 'x/y', maxBytes: -1 }, { contentType: 'x/y', metadata: { nested: { a: 1 } } }
    ]
    for (const options of refused) {
      const put = store.blobs().put(generated(10), options as never)
      t.type(await rejection(put), InvalidDocumentError, JSON.stringify(options))
    }
  })
}
