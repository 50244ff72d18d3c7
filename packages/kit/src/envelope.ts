import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { InternalError, NotFoundError, ValidationError } from './errors.js'

/**
 * The two API families answer in different envelopes (DESIGN §3):
 * `/wx/*` → `{"message": ...}`, `/users/*` and the rest → `{"result": 0|1, "msg": ...}`.
 */
export type Dialect = 'wx' | 'users'

export function dialectOf (url: string): Dialect {
  return url.startsWith('/wx') || url.startsWith('/dev/') ? 'wx' : 'users'
}

export interface WxFailure { message: string, code: string }
export interface UsersFailure { result: 0, msg: string, code: string }

/** Chinese reasons for Fastify's own client errors, which come in English. */
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: '请求内容过大',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: '不支持的请求格式',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: '请求长度错误',
  FST_ERR_CTP_EMPTY_JSON_BODY: '请求内容为空',
  FST_ERR_CTP_INVALID_JSON_BODY: '请求格式错误',
  FST_ERR_BAD_URL: '请求地址错误',
  FST_ERR_ASYNC_CONSTRAINT: '请求地址错误'
}

/** On /wx, only these statuses survive; other client failures answer 200 (jQuery's $.post). */
const WX_KEPT_STATUSES = new Set([401, 403, 405, 413, 415, 429])

export interface Failure { status: number, code: string, message: string }

/** Maps any thrown error to what the client may see. */
export function describeFailure (thrown: unknown): Failure {
  const error: Partial<FastifyError> & { expose?: boolean } = thrown instanceof Error ? thrown : new Error(String(thrown))
  if (error.validation) {
    const first = error.validation[0]
    const missing = (first?.params as { missingProperty?: string } | undefined)?.missingProperty
    const field = missing ?? first?.instancePath.replace(/^\//, '').replaceAll('/', '.') ?? ''
    const described = ValidationError(field || (error.validationContext ?? 'request'))
    return { status: 400, code: described.code, message: described.message }
  }
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500
  // 5xx details stay in the log unless the error was written for the user (createExposedError).
  if (status >= 500 && error.expose !== true) {
    const hidden = InternalError()
    return { status, code: hidden.code, message: hidden.message }
  }
  const framework = !error.code || error.code.startsWith('FST_') || error.code.startsWith('ERR_')
  if (!framework && error.code) return { status, code: error.code, message: error.message ?? '请求错误' }
  const code = error.code ?? 'KIT_BAD_REQUEST'
  return { status, code, message: FRAMEWORK_MESSAGES[code] ?? '请求错误' }
}

/** The status and body a failure answers with in the request's dialect. */
export function failureReply (request: FastifyRequest, failure: Failure): { status: number, body: WxFailure | UsersFailure } {
  if (dialectOf(request.url) === 'wx') {
    const kept = failure.status >= 500 || WX_KEPT_STATUSES.has(failure.status) || failure.code === NotFoundError().code
    return { status: kept ? failure.status : 200, body: { message: failure.message, code: failure.code } }
  }
  return { status: failure.status, body: { result: 0, msg: failure.message, code: failure.code } }
}

export function sendFailure (request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const failure = describeFailure(error)
  if (failure.status >= 500) request.log.error({ err: error }, 'request failed')
  else request.log.info({ code: failure.code, status: failure.status }, 'request refused')
  const { status, body } = failureReply(request, failure)
  return reply.code(status).type('application/json; charset=utf-8').send(body)
}

/**
 * True when the Accept header names JSON itself; a wildcard does not count, so
 * jQuery's default `*\/*` gets text and its callbacks can `JSON.parse` the body.
 */
export function acceptsJsonExplicitly (accept: string | undefined): boolean {
  if (!accept) return false
  return accept.split(',').some((range) => {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase())
    if (type !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(type)) return false
    return !params.some((param) => /^q=0(\.0*)?$/.test(param))
  })
}

/** The /wx content negotiation of DESIGN §3, applied to every JSON answer on /wx. */
export function negotiateWxContentType (request: FastifyRequest, reply: FastifyReply): void {
  if (dialectOf(request.url) !== 'wx') return
  const type = String(reply.getHeader('content-type') ?? '')
  if (!type.startsWith('application/json')) return
  if (!acceptsJsonExplicitly(request.headers.accept)) reply.header('content-type', 'text/plain; charset=utf-8')
}
