import fp from 'fastify-plugin'
import { isHexId, type ImageContentType, type ImageField, type ImageTable } from '@driver/contracts'

/** One stored image: `_id` is its blob's id, so the record and the bytes share one name. */
export interface ImageRecord {
  _id: string
  /** The WeChat user whose session stored it. */
  owner: string
  table: ImageTable
  field: ImageField
  contentType: ImageContentType
  length: number
  /** Hex SHA-256 of the bytes, computed while they streamed in; the image's ETag. */
  sha256: string
  createdAt: Date
}

export interface ImageRepository {
  insert: (record: ImageRecord) => Promise<void>
  /** Null for an unknown id and for anything that is not an id. */
  find: (id: string) => Promise<ImageRecord | null>
  /** How many images a user holds (an index count; the upload quota asks once per user). */
  countOf: (owner: string) => Promise<number>
}

declare module 'fastify' {
  interface FastifyInstance {
    images: ImageRepository
  }
}

/** The `images` collection; a record is written only once its blob is complete. */
export const imageRepository = fp(async (app) => {
  const images = app.store.collection<ImageRecord>('images')
  await images.createIndex({ owner: 1 })

  app.decorate('images', {
    async insert (record) {
      await images.insertOne(record)
    },
    async find (id) {
      return isHexId(id) ? await images.findOne({ _id: id }) : null
    },
    async countOf (owner) {
      return await images.countDocuments({ owner })
    }
  } satisfies ImageRepository)
}, { name: 'image-repository', dependencies: ['store'] })
