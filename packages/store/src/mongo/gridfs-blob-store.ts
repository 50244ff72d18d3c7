import { finished } from 'node:stream/promises'
import type { Writable } from 'node:stream'
import { GridFSBucket, ObjectId, type Db, type Document as DriverDocument, type GridFSFile } from 'mongodb'
import type { BlobInfo, BlobMetadata, BlobSource, BlobStore, PutBlobOptions, StoredBlob } from '../blob-store.js'
import { assertBlobOptions } from '../blobs/assert-blob-options.js'
import { Meter } from '../blobs/meter.js'
import { BlobNotFoundError } from '../errors.js'
import { isHexId, newId } from '../object-id.js'
import { isPlainObject } from '../query/values.js'
import type { Logger } from '@driver/contracts'

/**
 * Blobs in GridFS (`<bucket>.files` / `<bucket>.chunks`). The file `_id` is the ObjectId of the
 * blob's hex id; content type, digest and the caller's metadata live in the file's `metadata`.
 */
export class GridFsBlobStore implements BlobStore {
  readonly bucket: string
  readonly #gridfs: GridFSBucket
  readonly #db: Db
  readonly #assertOpen: () => void
  readonly #logger: Logger | undefined

  constructor (db: Db, bucket: string, assertOpen: () => void, logger?: Logger) {
    this.bucket = bucket
    this.#db = db
    this.#gridfs = new GridFSBucket(db, { bucketName: bucket })
    this.#assertOpen = assertOpen
    this.#logger = logger
  }

  async put (source: BlobSource, options: PutBlobOptions): Promise<BlobInfo> {
    this.#assertOpen()
    assertBlobOptions(options)
    const { contentType, filename, metadata, maxBytes } = options
    const id = newId()
    const fileId = ObjectId.createFromHexString(id)
    const fileMetadata: DriverDocument = {
      contentType,
      ...(filename === undefined ? {} : { filename }),
      ...(metadata === undefined ? {} : { custom: metadata })
    }
    const upload = this.#gridfs.openUploadStreamWithId(fileId, filename ?? id, { metadata: fileMetadata })
    // Failures arrive through the write and finish promises below.
    upload.on('error', () => undefined)
    const meter = new Meter(maxBytes)
    try {
      // One chunk in flight at a time: when the limit trips, no chunk insert is still pending,
      // so the cleanup below cannot race a late chunk.
      for await (const chunk of meter.pass(source)) await write(upload, chunk)
      // The files document is written at end() from this object; the digest is known only now.
      fileMetadata.sha256 = meter.digest()
      upload.end()
      await finished(upload)
    } catch (error) {
      upload.destroy()
      await this.#remove(fileId).catch((cleanupError: unknown) => {
        const details = { err: cleanupError, bucket: this.bucket, id }
        this.#logger?.error(details, 'removing the chunks of a failed upload failed')
      })
      throw error
    }
    const sha256 = meter.digest()
    if (upload.gridFSFile?.metadata?.sha256 !== sha256) {
      await this.#files().updateOne({ _id: fileId }, { $set: { 'metadata.sha256': sha256 } })
    }
    return {
      id,
      length: meter.length,
      sha256,
      contentType,
      ...(filename === undefined ? {} : { filename }),
      ...(metadata === undefined ? {} : { metadata })
    }
  }

  async get (id: string): Promise<StoredBlob> {
    this.#assertOpen()
    if (!isHexId(id)) throw new BlobNotFoundError(id)
    const fileId = ObjectId.createFromHexString(id)
    const file = await this.#files().findOne({ _id: fileId })
    if (file === null) throw new BlobNotFoundError(id)
    return { ...toBlobInfo(id, file), stream: this.#gridfs.openDownloadStream(fileId) }
  }

  async delete (id: string): Promise<boolean> {
    this.#assertOpen()
    if (!isHexId(id)) return false
    return await this.#remove(ObjectId.createFromHexString(id))
  }

  /** Files document first (the blob disappears at once), then its chunks. */
  async #remove (fileId: ObjectId): Promise<boolean> {
    const { deletedCount } = await this.#files().deleteOne({ _id: fileId })
    await this.#db.collection(`${this.bucket}.chunks`).deleteMany({ files_id: fileId })
    return deletedCount === 1
  }

  #files () {
    return this.#db.collection<GridFSFile>(`${this.bucket}.files`)
  }
}

function toBlobInfo (id: string, file: GridFSFile): BlobInfo {
  const { contentType, sha256, filename, custom } = file.metadata ?? {}
  const info: BlobInfo = {
    id, length: file.length, sha256: String(sha256 ?? ''), contentType: String(contentType ?? '')
  }
  if (typeof filename === 'string') info.filename = filename
  if (isPlainObject(custom)) info.metadata = custom as BlobMetadata
  return info
}

async function write (stream: Writable, chunk: Uint8Array): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    stream.write(chunk, (error) => { if (error) reject(error); else resolve() })
  })
}
