import type { Readable } from 'node:stream'
import fp from 'fastify-plugin'
import type { ImageField, ImageTable } from '@driver/contracts'
import { megabytes } from '../../domain/megabytes.js'
import { ImageTooLargeError } from '../../errors.js'
import type { ImageRecord } from './image-repository.js'
import { sniffImage } from './sniff-image.js'

/** Whose image it is and where its id will be saved. */
export interface ImageTarget {
  owner: string
  table: ImageTable
  field: ImageField
}

export interface ImageStorage {
  /**
   * Sniffs the first bytes, streams the rest into the blob store within the size
   * limit, then records the image. A refusal (not an image, too large) or a
   * broken source leaves nothing stored: no record, no blob, no partial blob.
   */
  save: (source: AsyncIterable<Uint8Array>, target: ImageTarget, declaredLength?: number) => Promise<ImageRecord>
  /** The bytes of a recorded image. */
  open: (record: ImageRecord) => Promise<Readable>
}

declare module 'fastify' {
  interface FastifyInstance {
    imageStorage: ImageStorage
  }
}

export interface ImageStorageOptions {
  /** MEDIA_MAX_BYTES. */
  maxBytes: number
}

/** The store's size error, and @fastify/multipart's for an upload cut at its file size limit. */
const TOO_LARGE_CODES = new Set(['STORE_BLOB_TOO_LARGE', 'FST_REQ_FILE_TOO_LARGE'])

/** Images in the `images` blob bucket (GridFS with MONGO_URL, files otherwise), each with its record. */
export const imageStorage = fp<ImageStorageOptions>(async (app, { maxBytes }) => {
  const blobs = app.store.blobs('images')
  const tooLarge = () => new ImageTooLargeError(megabytes(maxBytes))

  app.decorate('imageStorage', {
    async save (source, { owner, table, field }, declaredLength) {
      // A length announced beyond the limit is refused before a byte is read.
      if (declaredLength !== undefined && declaredLength > maxBytes) throw tooLarge()
      const { contentType, bytes } = await sniffImage(source)
      let blob
      try {
        blob = await blobs.put(bytes, { contentType, maxBytes, metadata: { owner, table, field } })
      } catch (error) {
        await bytes.return(undefined)
        if (TOO_LARGE_CODES.has((error as { code?: string }).code ?? '')) throw tooLarge()
        throw error
      }
      const record: ImageRecord = {
        _id: blob.id, owner, table, field, contentType, length: blob.length, sha256: blob.sha256, createdAt: new Date()
      }
      try {
        await app.images.insert(record)
      } catch (error) {
        await blobs.delete(blob.id).catch((cleanup: unknown) => {
          app.log.error({ err: cleanup, id: blob.id }, 'removing the blob of an unrecorded image failed')
        })
        throw error
      }
      app.log.info({ id: record._id, table, field, contentType, length: record.length }, 'image stored')
      return record
    },
    async open (record) {
      return (await blobs.get(record._id)).stream
    }
  } satisfies ImageStorage)
}, { name: 'image-storage', dependencies: ['store', 'image-repository'] })
