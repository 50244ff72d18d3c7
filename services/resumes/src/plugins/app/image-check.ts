import fp from 'fastify-plugin'
import type { ImageField, ImageTable } from '@driver/contracts'
import { ImageNotFoundError, ImageNotYoursError, ImageWrongKindError } from '../../errors.js'

/** Where an image id is about to be saved: the media table it must come from and the field it was uploaded for. */
export interface ImageSlot {
  table: ImageTable
  field: ImageField
  /** The HTTP request id, carried to the media service's logs. */
  requestId?: string
}

export interface CheckedImage {
  id: string
  /** Where media serves it: the `*_url` saved beside the id, never the client's. */
  url: string
}

export interface ImageCheck {
  /**
   * Asks the media service (`media.describe`) about an image id a user wants to
   * save: it must exist, be theirs, and have been uploaded for this table and field.
   * Media out of reach rejects with the bus's error, which answers 503.
   */
  verify: (wxUserId: string, imageId: string, slot: ImageSlot) => Promise<CheckedImage>
}

declare module 'fastify' {
  interface FastifyInstance {
    imageCheck: ImageCheck
  }
}

/** DESIGN §3 "Images in records", for resumes, their items and the WeChat user's profile. */
export const imageCheck = fp(async (app) => {
  app.decorate('imageCheck', {
    async verify (wxUserId, imageId, { table, field, requestId }) {
      const image = await app.bus.request('media.describe', { id: imageId }, { requestId })
      if (!image.found) throw new ImageNotFoundError()
      if (image.owner !== wxUserId) throw new ImageNotYoursError()
      if (image.table !== table || image.field !== field) throw new ImageWrongKindError(`${table}/${field}`)
      return { id: image.id, url: image.url }
    }
  } satisfies ImageCheck)
}, { name: 'image-check', dependencies: ['bus'] })
