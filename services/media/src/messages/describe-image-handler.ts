import fp from 'fastify-plugin'
import { imageUrl } from '../domain/image-url.js'

/**
 * Answers `media.describe` for resumes and identity: they refuse an image id that
 * is not the caller's or not of the right table and field, and take its url from
 * here, never from the client. Read-only, so a repeated delivery needs no marker.
 */
export const describeImageHandler = fp(async (app) => {
  await app.bus.handle('media.describe', async ({ id }) => {
    const image = await app.images.find(id)
    if (image === null) return { found: false as const }
    const { _id, owner, table, field, contentType, length } = image
    return { found: true as const, id: _id, owner, table, field, contentType, length, url: imageUrl(_id) }
  })
}, { name: 'describe-image-handler', dependencies: ['image-repository', 'bus'] })
