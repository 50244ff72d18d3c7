import t from 'tap'
import { Readable } from 'node:stream'
import { sniffImage } from '../../../src/plugins/app/sniff-image.js'
import { GIF, JPEG, PNG, SVG, TEXT, WEBP } from '../../fixtures/images.js'

async function collect (bytes: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = []
  for await (const chunk of bytes) chunks.push(chunk)
  return Buffer.concat(chunks)
}

t.test('JPEG, PNG, GIF and WebP are told by their first bytes and passed on whole', async (t) => {
  const images = [[JPEG, 'image/jpeg'], [PNG, 'image/png'], [GIF, 'image/gif'], [WEBP, 'image/webp']] as const
  for (const [image, type] of images) {
    const sniffed = await sniffImage(Readable.from([image.subarray(0, 2), image.subarray(2)]))
    t.equal(sniffed.contentType, type)
    t.same(await collect(sniffed.bytes), image)
  }
})

t.test('text, an HTML error page, SVG or nothing at all are refused, and the source is stopped', async (t) => {
  for (const bytes of [TEXT, SVG, Buffer.alloc(0), Buffer.alloc(10_000)]) {
    const source = Readable.from([bytes, Buffer.alloc(100_000)])
    await t.rejects(sniffImage(source), { code: 'MEDIA_NOT_AN_IMAGE' })
    t.ok(source.destroyed, 'the rest is not read')
  }
})

t.test('only the first few KB are read before the verdict; the rest waits for the store', async (t) => {
  let pulled = 0
  async function * big (): AsyncGenerator<Uint8Array> {
    yield JPEG
    for (let i = 0; i < 100; i++) {
      pulled++
      yield Buffer.alloc(64 * 1024)
    }
  }
  const sniffed = await sniffImage(big())
  t.ok(pulled <= 1, `${pulled} chunk(s) of 64 KB read to decide`)
  t.equal((await collect(sniffed.bytes)).length, JPEG.length + 100 * 64 * 1024)
})

t.test('a consumer that stops early stops the source too', async (t) => {
  const source = Readable.from([JPEG, Buffer.alloc(10), Buffer.alloc(10)])
  const sniffed = await sniffImage(source)
  await sniffed.bytes.next()
  await sniffed.bytes.return(undefined)
  t.ok(source.destroyed)
})
