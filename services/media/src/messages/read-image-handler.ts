import { buffer } from 'node:stream/consumers'
import fp from 'fastify-plugin'

/**
 * Answers `media.read_image`: the bytes of an image of the table asked for,
 * for a service that shows it to someone without a WeChat session (the user
 * center's reviewers, after identity checked they are). An image of another
 * table is not found, as an unknown id is. Read-only: a repeat needs no marker.
 */
export const readImageHandler = fp(async (app) => {
  await app.bus.handle('media.read_image', async ({ id, table }) => {
    const image = await app.images.find(id)
    if (image === null || image.table !== table) return { found: false as const }
    const bytes = await buffer(await app.imageStorage.open(image))
    const { contentType, sha256 } = image
    return { found: true as const, contentType, sha256, base64: bytes.toString('base64') }
  })
}, { name: 'read-image-handler', dependencies: ['image-repository', 'image-storage', 'bus'] })
