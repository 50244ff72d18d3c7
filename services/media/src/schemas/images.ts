import { ObjectIdString, type ImageTable } from '@driver/contracts'
import { Type, type TObject, type TOptional, type TString } from 'typebox'
import { IMAGE_TABLES } from '../domain/image-tables.js'

const ImageUrl = Type.String({ description: '`/wx/images/<id>`, where the image is served' })

/** `/wx/auto_download/<table>`: the seed's parameters, the same from a query, a form or JSON. */
export const AutoDownloadSchema = Type.Object({
  server_id: Type.String({
    minLength: 1,
    maxLength: 128,
    pattern: '^[A-Za-z0-9_-]+$',
    description: 'the serverId `wx.uploadImage` gave the page'
  }),
  table_name: Type.Optional(Type.String({
    maxLength: 64, description: "the path's table, again (the seed's pages send it)"
  })),
  field_name: Type.Optional(Type.String({
    maxLength: 64,
    description: 'the field the id is for; may be left out when the table has one (only `id_image` has two)'
  })),
  db: Type.Optional(Type.String({
    maxLength: 64, description: 'accepted and ignored (the seed\'s pages send `mongo_db`/`mongo_db2`)'
  }))
})

/**
 * The answer of one table: the id under the field's name and the url under
 * `<field>_url`, as the seed's page reads them (`json[field_name]`), and `url`.
 */
export function downloadAnswerSchema (table: ImageTable): TObject {
  const fields: Record<string, TOptional<TString>> = {}
  for (const field of IMAGE_TABLES[table]) {
    fields[field] = Type.Optional(ObjectIdString)
    fields[`${field}_url`] = Type.Optional(ImageUrl)
  }
  return Type.Object({ message: Type.Literal('success'), ...fields, url: ImageUrl }, { description: 'success' })
}

/** `/wx/resume_image/save/<kind>` takes `field_name` in its query string when the kind has two. */
export const UploadQuerySchema = Type.Object({
  field_name: Type.Optional(Type.String({
    maxLength: 64, description: 'as for auto_download; a multipart field `field_name` before the file works too'
  }))
})

export const UploadAnswerSchema = Type.Object({
  message: Type.Literal('success'),
  url: ImageUrl,
  id: ObjectIdString
}, { description: 'success' })

export const ImageParamsSchema = Type.Object({
  id: Type.String({ maxLength: 64, description: 'the image id' })
})
