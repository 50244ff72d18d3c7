import { Readable } from 'node:stream'

/**
 * An 8×8 grey baseline JPEG (every sample 128), built by hand: SOI, JFIF APP0,
 * one quantisation table, SOF0, one-code Huffman tables, one block whose
 * coefficients are all zero, EOI. 159 bytes; decoders open it.
 */
export const SIM_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEB' +
  'AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQH/' +
  'wAALCAAIAAgBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AP//Z', 'base64')

/** An 8×8 blue RGB PNG (IHDR, one IDAT, IEND), 74 bytes. */
export const SIM_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR42mOwqr6KFTEMLQkAVkJigb8wms4AAAAASUVORK5CYII=',
  'base64'
)

/** Bytes that are no image, served as `image/jpeg` all the same: callers must look at the bytes. */
export const SIM_TEXT = Buffer.from('This is not an image, whatever the content type says.\n')

/** SOI and the JFIF segment: comment segments go right after them. */
const JPEG_HEAD = 20
/** A comment segment: marker, 2-byte length, at most 65 533 bytes of comment. */
const MAX_SEGMENT = 4 + 65_533
const ZEROS = Buffer.alloc(MAX_SEGMENT - 4)
/** The largest `sim-big-<N>`: big enough for any test or benchmark, small enough to end. */
export const MAX_BIG_BYTES = 1024 * 1024 * 1024

/** Whether `sim-big-<size>` can be served: exactly the JPEG, or the JPEG plus at least one (4-byte) comment segment. */
export function isServableSize (size: number): boolean {
  return Number.isSafeInteger(size) && size <= MAX_BIG_BYTES && (
    size === SIM_JPEG.length || size >= SIM_JPEG.length + 4
  )
}

function * bigJpegChunks (size: number): Generator<Buffer> {
  yield SIM_JPEG.subarray(0, JPEG_HEAD)
  let remaining = size - SIM_JPEG.length
  while (remaining > 0) {
    let segment = Math.min(remaining, MAX_SEGMENT)
    // Never leave 1 to 3 bytes, too few for a segment of their own.
    if (remaining - segment > 0 && remaining - segment < 4) segment = remaining - 4
    const length = segment - 2
    yield Buffer.from([0xff, 0xfe, length >> 8, length & 0xff])
    yield ZEROS.subarray(0, segment - 4)
    remaining -= segment
  }
  yield SIM_JPEG.subarray(JPEG_HEAD)
}

/**
 * A valid JPEG of exactly `size` bytes, padded with comment segments, produced
 * chunk by chunk as the reader asks: `size` bytes are never held at once.
 */
export function bigJpegStream (size: number): Readable {
  if (!isServableSize(size)) throw new RangeError(`cannot make a JPEG of ${size} bytes`)
  return Readable.from(bigJpegChunks(size), { objectMode: false })
}
