import type { IncomingMessage } from 'node:http'
import { finished } from 'node:stream/promises'
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart'
import { WX_CONTENT_TYPES, WxFailureSchema, documentedAs, wxAnswers, wxUserId, type AppPlugin } from '@driver/kit'
import type { ImageTable } from '@driver/contracts'
import { Type } from 'typebox'
import { IMAGE_TABLES, UPLOAD_KINDS, fieldFor } from '../../../domain/image-tables.js'
import { imageUrl } from '../../../domain/image-url.js'
import { BadUploadError, NoFileError, NotMultipartError } from '../../../errors.js'
import { uploadAnswerExample } from '../../../schemas/examples.js'
import { UploadAnswerSchema, UploadQuerySchema } from '../../../schemas/images.js'

export interface ResumeImageRoutesOptions {
  /** MEDIA_MAX_BYTES. */
  maxBytes: number
}

/** A multipart field's text, when it is a plain field and not a file. */
function fieldText (part: unknown): string | undefined {
  const field = Array.isArray(part) ? part[0] : part
  const isText = typeof field === 'object' && field !== null && 'value' in field && typeof field.value === 'string'
  return isText ? field.value : undefined
}

/** The file's bytes; a body that breaks off or is malformed is the client's refusal, not our fault. */
async function * bytesOf (upload: MultipartFile): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of upload.file) yield chunk
  } catch (error) {
    // Past the file size limit: the image storage answers that one itself.
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw error
    throw new BadUploadError()
  }
}

/**
 * Reads what is left of a refused upload, unstored, before answering: a client (or
 * the gateway) still sending would otherwise see its connection reset.
 */
async function drain (raw: IncomingMessage): Promise<void> {
  if (raw.readableEnded || raw.destroyed) return
  // The multipart parser may still be attached, and stalled on the file stream the refusal stopped.
  raw.unpipe()
  raw.resume()
  await finished(raw).catch(() => undefined)
}

/**
 * The form Swagger UI shows: the body is read as a stream, not validated, so it is described here
 * only. Its field_name example is the kind's (first) field, so the form Swagger UI fills in uploads.
 */
const uploadFormSchema = (kind: ImageTable) => Type.Object({
  field_name: Type.Optional(Type.String({
    maxLength: 64, description: 'before the file; as the query parameter', examples: IMAGE_TABLES[kind].slice(0, 1)
  })),
  file: Type.String({ format: 'binary', description: 'the photo: JPEG, PNG, GIF or WebP' })
})

/**
 * `/wx/resume_image/save/<kind>`: the seed's direct upload (paused there in favour of
 * WeChat's own upload, kept here). One file in `multipart/form-data`, streamed
 * through the same checks as a WeChat download; a second file is not read.
 */
export const resumeImageRoutes: AppPlugin<ResumeImageRoutesOptions> = async (app, { maxBytes }) => {
  await app.register(fastifyMultipart, {
    // One byte more than the limit, so the store's own size check is the one that trips.
    limits: { fileSize: maxBytes + 1, files: 1, fields: 4, fieldSize: 1024, parts: 5, headerPairs: 50 }
  })

  for (const kind of UPLOAD_KINDS) {
    const schema = {
      summary: `Upload a ${kind} photo (multipart/form-data, one file)`,
      description: 'JPEG, PNG, GIF or WebP by their first bytes, within MEDIA_MAX_BYTES. ' +
        'The seed\'s answer plus the id.',
      consumes: ['multipart/form-data'],
      querystring: UploadQuerySchema,
      response: { 200: UploadAnswerSchema, default: WxFailureSchema }
    }
    const swaggerTransform = documentedAs({
      ...schema,
      body: uploadFormSchema(kind),
      produces: WX_CONTENT_TYPES,
      response: wxAnswers(UploadAnswerSchema, WxFailureSchema, {
        response: uploadAnswerExample, refusal: { message: '只能上传 JPEG、PNG、GIF 或 WebP 图片', code: 'MEDIA_NOT_AN_IMAGE' }
      })
    })
    app.post(`/save/${kind}`, { schema, config: { swaggerTransform } }, async (request) => {
      const owner = wxUserId(request)
      if (!request.isMultipart()) throw new NotMultipartError()
      try {
        const upload = await request.file().catch(() => { throw new BadUploadError() })
        if (upload === undefined) throw new NoFileError()
        const field = fieldFor(kind, { field_name: request.query.field_name ?? fieldText(upload.fields.field_name) })
        const image = await app.uploadQuota.spend(owner, () =>
          app.imageStorage.save(bytesOf(upload), { owner, table: kind, field }))
        return { message: 'success' as const, url: imageUrl(image._id), id: image._id }
      } catch (error) {
        await drain(request.raw)
        throw error
      }
    })
  }
}
