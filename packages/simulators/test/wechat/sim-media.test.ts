import t from 'tap'
import { bigJpegStream, isServableSize, MAX_BIG_BYTES, SIM_JPEG, SIM_PNG } from '../../src/wechat/sim-media.js'
import { consume } from '../helper.js'

/** Walks a JPEG's segments up to the scan: each has a marker and a length that fits. */
function jpegSegments (bytes: Buffer): string[] {
  const markers: string[] = []
  let at = 2
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) throw new Error(`no marker at ${at}`)
    const marker = bytes[at + 1] ?? 0
    markers.push(marker.toString(16))
    if (marker === 0xda) return markers
    at += 2 + bytes.readUInt16BE(at + 2)
  }
  throw new Error('no scan')
}

t.test('the small JPEG and PNG are well-formed', async (t) => {
  t.same([...SIM_JPEG.subarray(0, 3)], [0xff, 0xd8, 0xff])
  t.same([...SIM_JPEG.subarray(-2)], [0xff, 0xd9])
  t.same(jpegSegments(SIM_JPEG), ['e0', 'db', 'c0', 'c4', 'c4', 'da'])
  t.same([...SIM_PNG.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  t.equal(SIM_PNG.subarray(12, 16).toString('latin1'), 'IHDR')
  t.equal(SIM_PNG.subarray(-8, -4).toString('latin1'), 'IEND')
})

t.test('a big JPEG has exactly the size asked for, padded with comment segments a decoder skips', async (t) => {
  for (const size of [
    SIM_JPEG.length, SIM_JPEG.length + 4, SIM_JPEG.length + 65_537 + 1, SIM_JPEG.length + 65_537 + 3, 300_000
  ]) {
    const { bytes } = await consume(bigJpegStream(size))
    t.equal(bytes.length, size, `${size} bytes`)
    t.same([...bytes.subarray(-2)], [0xff, 0xd9], `${size} ends with EOI`)
    const markers = jpegSegments(bytes)
    t.same(
      markers.filter((marker) => marker !== 'fe'),
      ['e0', 'db', 'c0', 'c4', 'c4', 'da'],
      `${size} keeps the JPEG’s own segments`
    )
  }
})

t.test('a big JPEG is produced piece by piece', async (t) => {
  const { bytes, chunks, largestChunk } = await consume(bigJpegStream(20 * 1024 * 1024))
  t.equal(bytes.length, 20 * 1024 * 1024)
  t.ok(chunks > 300)
  t.ok(largestChunk <= 65_533)
})

t.test('sizes no JPEG of this shape can have are refused', async (t) => {
  for (const size of [0, SIM_JPEG.length - 1, SIM_JPEG.length + 1, SIM_JPEG.length + 3, MAX_BIG_BYTES + 1, 1.5, NaN]) {
    t.notOk(isServableSize(size), String(size))
  }
  t.throws(() => bigJpegStream(SIM_JPEG.length + 2), RangeError)
  t.ok(isServableSize(MAX_BIG_BYTES))
})
