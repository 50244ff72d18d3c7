import { Type, type Static } from 'typebox'
import { defineRequest } from './define.js'
import { ObjectIdString } from './primitives.js'

/** The seed's seven image tables: `/wx/auto_download/<table>` and where a saved id belongs. */
export const ImageTable = Type.Union([
  Type.Literal('head_image'),
  Type.Literal('id_image'),
  Type.Literal('honor_image'),
  Type.Literal('vehicle_image'),
  Type.Literal('driving_license_image'),
  Type.Literal('rtqc_image'),
  Type.Literal('business_license_image')
])
export type ImageTable = Static<typeof ImageTable>

/** The record fields an image id is saved in (`id_image_face`, `dl_image`…); `image_id` for honours and vehicles. */
export const ImageField = Type.Union([
  Type.Literal('head_image'),
  Type.Literal('id_image_face'),
  Type.Literal('id_image_back'),
  Type.Literal('image_id'),
  Type.Literal('dl_image'),
  Type.Literal('rtqc_image'),
  Type.Literal('business_license_image')
])
export type ImageField = Static<typeof ImageField>

/** What the media service stores: the first bytes decide, never a client's or WeChat's word. */
export const ImageContentType = Type.Union([
  Type.Literal('image/jpeg'),
  Type.Literal('image/png'),
  Type.Literal('image/gif'),
  Type.Literal('image/webp')
])
export type ImageContentType = Static<typeof ImageContentType>

/**
 * What the media service knows about an image, for resumes and identity to
 * refuse an id that is not the caller's or not of the right table and field,
 * and to take the `*_url` from here rather than from the client. Any string is
 * asked about: one that is not an image id is simply not found.
 */
export const MediaDescribe = defineRequest('media.describe', {
  payload: Type.Object({ id: Type.String({ maxLength: 64, description: 'the image id a client gave' }) }),
  reply: Type.Union([
    Type.Object({
      found: Type.Literal(true),
      id: ObjectIdString,
      owner: ObjectIdString,
      table: ImageTable,
      field: ImageField,
      contentType: ImageContentType,
      length: Type.Integer({ minimum: 1, description: 'bytes' }),
      url: Type.String({ pattern: '^/wx/images/[0-9a-f]{24}$', description: 'where the image is served' })
    }),
    Type.Object({ found: Type.Literal(false) })
  ])
})

/**
 * An image's bytes for a service that shows it to someone media cannot check
 * (a reviewer of the user center): only of the given table, so a caller asking
 * for a licence photo never gets another kind of image. The bytes travel whole
 * (Base64), at most MEDIA_MAX_BYTES.
 */
export const MediaReadImage = defineRequest('media.read_image', {
  payload: Type.Object({ id: Type.String({ maxLength: 64 }), table: ImageTable }),
  reply: Type.Union([
    Type.Object({
      found: Type.Literal(true),
      contentType: ImageContentType,
      sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
      base64: Type.String({ contentEncoding: 'base64' })
    }),
    Type.Object({ found: Type.Literal(false) })
  ])
})
