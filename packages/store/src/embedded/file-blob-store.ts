import { mkdir, open, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { BlobInfo, BlobSource, BlobStore, PutBlobOptions, StoredBlob } from '../blob-store.js'
import { assertBlobOptions } from '../blobs/assert-blob-options.js'
import { Meter } from '../blobs/meter.js'
import { BlobNotFoundError } from '../errors.js'
import { isHexId, newId } from '../object-id.js'
import type { Logger } from '@driver/contracts'
import { parseSidecar } from './blob-sidecar.js'

/**
 * Blobs as files: `<id>` holds the bytes, `<id>.json` the metadata. Both are written under a
 * `.tmp` name and renamed; the sidecar's rename is the commit, so a reader never sees a partial
 * blob and an interrupted put leaves only `.tmp` files or a sidecar-less file, swept on first use.
 */
export class FileBlobStore implements BlobStore {
  readonly bucket: string
  readonly #dir: string
  readonly #ready: Promise<void>
  readonly #assertOpen: () => void

  constructor (dir: string, bucket: string, assertOpen: () => void, logger?: Logger) {
    this.bucket = bucket
    this.#dir = dir
    this.#assertOpen = assertOpen
    this.#ready = sweep(dir, logger)
    this.#ready.catch(() => undefined)
  }

  async put (source: BlobSource, options: PutBlobOptions): Promise<BlobInfo> {
    this.#assertOpen()
    assertBlobOptions(options)
    await this.#ready
    const id = newId()
    const data = join(this.#dir, id)
    const meter = new Meter(options.maxBytes)
    // Created before streaming starts, so the cleanup below can never run ahead of the file's creation.
    const handle = await open(`${data}.tmp`, 'wx')
    try {
      // `flush` fsyncs before the stream closes the handle: a committed blob is on disk, not only in cache.
      await pipeline(meter.pass(source), handle.createWriteStream({ flush: true }))
    } catch (error) {
      await rm(`${data}.tmp`, { force: true })
      throw error
    }
    const { contentType, filename, metadata } = options
    const info: BlobInfo = {
      id,
      length: meter.length,
      sha256: meter.digest(),
      contentType,
      ...(filename === undefined ? {} : { filename }),
      ...(metadata === undefined ? {} : { metadata })
    }
    await writeFile(`${data}.json.tmp`, JSON.stringify({ ...info, uploadedAt: new Date().toISOString() }))
    await rename(`${data}.tmp`, data)
    await rename(`${data}.json.tmp`, `${data}.json`)
    return info
  }

  async get (id: string): Promise<StoredBlob> {
    this.#assertOpen()
    if (!isHexId(id)) throw new BlobNotFoundError(id)
    await this.#ready
    const data = join(this.#dir, id)
    const info = parseSidecar(await ifExists(readFile(`${data}.json`, 'utf8')) ?? notFound(id))
    // Opened now, so a delete after this point cannot break the stream.
    const handle = await ifExists(open(data, 'r')) ?? notFound(id)
    return { ...info, stream: handle.createReadStream() }
  }

  async delete (id: string): Promise<boolean> {
    this.#assertOpen()
    if (!isHexId(id)) return false
    await this.#ready
    const data = join(this.#dir, id)
    if (await ifExists(unlink(`${data}.json`).then(() => true)) === undefined) return false
    await rm(data, { force: true })
    return true
  }
}

async function sweep (dir: string, logger?: Logger): Promise<void> {
  await mkdir(dir, { recursive: true })
  const names = new Set(await readdir(dir))
  const leftovers = [...names].filter((name) => name.endsWith('.tmp') || (isHexId(name) && !names.has(`${name}.json`)))
  await Promise.all(leftovers.map((name) => rm(join(dir, name), { force: true })))
  if (leftovers.length > 0) {
    logger?.warn({ dir, files: leftovers.length }, 'removed blob files left by interrupted writes')
  }
}

/** The operation's result, or undefined when the file does not exist. */
async function ifExists<R> (operation: Promise<R>): Promise<R | undefined> {
  try {
    return await operation
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined
    throw error
  }
}

function notFound (id: string): never {
  throw new BlobNotFoundError(id)
}
