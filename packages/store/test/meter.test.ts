import { createHash } from 'node:crypto'
import t from 'tap'
import { Meter } from '../src/blobs/meter.js'
import { BlobTooLargeError } from '../src/index.js'
import { rejection } from './contract/helpers.js'

async function drain (iterable: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = []
  for await (const chunk of iterable) chunks.push(chunk)
  return chunks
}

t.test('the meter passes chunks through unchanged, counting and hashing them', async (t) => {
  const meter = new Meter()
  const chunks = await drain(meter.pass(['ab', Buffer.from('cd'), new Uint8Array([101])]))
  t.same(Buffer.concat(chunks).toString(), 'abcde')
  t.equal(meter.length, 5)
  const expected = createHash('sha256').update('abcde').digest('hex')
  t.equal(meter.digest(), expected)
  t.equal(meter.digest(), expected, 'the digest can be read again')
})

t.test('the meter stops before the chunk that crosses maxBytes', async (t) => {
  const meter = new Meter(4)
  const passed: Uint8Array[] = []
  const error = await rejection((async () => {
    for await (const chunk of meter.pass(['ab', 'cd', 'e'])) passed.push(chunk)
  })())
  t.type(error, BlobTooLargeError)
  t.same(Buffer.concat(passed).toString(), 'abcd', 'exactly maxBytes went through')
})
