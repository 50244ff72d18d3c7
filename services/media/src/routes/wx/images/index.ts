import { ImageContentType } from '@driver/contracts'
import {
  WX_CONTENT_TYPES, WxFailureSchema, describeFailure, documentedAs, noteFailure, withPropertyExamples, wxUserId,
  type AppPlugin
} from '@driver/kit'
import { Type } from 'typebox'
import { mayView } from '../../../domain/image-tables.js'
import { ImageNotFoundError } from '../../../errors.js'
import { ImageParamsSchema } from '../../../schemas/images.js'

/** A year, and never revalidated: an id names one set of bytes forever. */
const CACHE_CONTROL = 'private, max-age=31536000, immutable'

/** `If-None-Match` holds the tag (weak or strong, in a list) or `*`. */
function matches (ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim()
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag
  })
}

/** The types an image is stored with (contracts' ImageContentType): it is answered in its own. */
const IMAGE_TYPES = ImageContentType.anyOf.map((type) => type.const)
const NOT_FOUND = { message: '图片不存在', code: 'MEDIA_IMAGE_NOT_FOUND' }
const Bytes = { schema: { type: 'string', format: 'binary' } }

/** The document's view of the route: bytes in the image's own type, not JSON. */
const imageDocs = documentedAs({
  summary: 'An image, for its owner or, unless it is an identity or licence photo, any session',
  description: 'ETag is the SHA-256 of the bytes; `If-None-Match` answers 304. ' +
    'Someone else\'s identity or licence photo answers as an unknown id: 404.',
  params: withPropertyExamples(ImageParamsSchema, { id: '6650a1f2c3d4e5f6012345a1' }),
  response: {
    200: {
      description: 'the image\'s bytes, in its own type',
      headers: {
        ETag: { type: 'string', description: 'the SHA-256 of the bytes, quoted' },
        'Cache-Control': { type: 'string', description: 'private, max-age=31536000, immutable' }
      },
      content: Object.fromEntries(IMAGE_TYPES.map((type) => [type, Bytes]))
    },
    304: { type: 'null', description: 'not modified: the ETag in If-None-Match is the image\'s; no body' },
    404: {
      description: 'an unknown id, or someone else\'s personal photo',
      content: Object.fromEntries(WX_CONTENT_TYPES.map((type) =>
        [type, { schema: WxFailureSchema, example: NOT_FOUND }]))
    }
  }
})

/**
 * `GET /wx/images/<id>`: the image's bytes, streamed. Failures keep their real
 * status (404, 401, 400) with the /wx body, since an `<img>` or a cache reads
 * the status and never the body; there is no jQuery callback to keep alive here.
 */
export const imageRoutes: AppPlugin = async (app) => {
  app.setErrorHandler((error, request, reply) => {
    const failure = describeFailure(error)
    noteFailure(request, reply, failure, error)
    return reply.code(failure.status).type('application/json; charset=utf-8')
      .send(JSON.stringify({ message: failure.message, code: failure.code }))
  })

  app.get('/:id', {
    exposeHeadRoute: false,
    config: { swaggerTransform: imageDocs },
    schema: {
      summary: 'An image, for its owner or, unless it is an identity or licence photo, any session',
      description: 'ETag is the SHA-256 of the bytes; `If-None-Match` answers 304. ' +
        'Someone else\'s identity or licence photo answers as an unknown id: 404.',
      params: ImageParamsSchema,
      response: {
        200: Type.Unknown({ description: 'the image\'s bytes, with its Content-Type, Content-Length and ETag' }),
        304: Type.Unsafe<undefined>({
          description: 'not modified: the ETag in If-None-Match is the image\'s; no body'
        }),
        404: WxFailureSchema
      }
    }
  }, async (request, reply) => {
    const viewer = wxUserId(request)
    const image = await app.images.find(request.params.id)
    if (image === null || !mayView(image, viewer)) throw new ImageNotFoundError()
    const etag = `"${image.sha256}"`
    reply.header('etag', etag).header('cache-control', CACHE_CONTROL).header('x-content-type-options', 'nosniff')
    if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send()
    const bytes = await app.imageStorage.open(image)
    return reply.type(image.contentType).header('content-length', image.length).send(bytes)
  })
}
