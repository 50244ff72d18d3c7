import type { FastifyError } from 'fastify'
import { DependencyUnavailableError, InternalError, ValidationError } from './errors.js'

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

/**
 * A dependency of the service (the broker, the database) is out of reach: the
 * user is told to try later (503), and it is logged as the fault it is. Matched
 * by the stable codes and names the bus and the MongoDB driver give them.
 */
const OUTAGE_CODES = new Set(['BUS_UNAVAILABLE', 'BUS_REQUEST_TIMEOUT', 'BUS_CONNECTION_LOST', 'BUS_CLOSED'])
const OUTAGE_NAMES = new Set(['MongoServerSelectionError', 'MongoNetworkError', 'MongoNetworkTimeoutError'])

export interface Failure {
  status: number
  code: string
  message: string
  /**
   * A refusal is a deliberate answer the user reads (a 4xx, or an error made to
   * be shown); anything else is a fault, logged as an error and shown as one.
   */
  refusal: boolean
}

/**
 * The one place that decides what a thrown error means to a caller, over HTTP
 * and over the bus alike: its status, code and the message the user may read.
 */
export function describeFailure (thrown: unknown): Failure {
  const error: Partial<FastifyError> & { expose?: boolean } =
    thrown instanceof Error ? thrown : new Error(String(thrown))
  if (error.validation) {
    const first = error.validation[0]
    const missing = (first?.params as { missingProperty?: string } | undefined)?.missingProperty
    const field = missing ?? first?.instancePath.replace(/^\//, '').replaceAll('/', '.') ?? ''
    const described = ValidationError(field || (error.validationContext ?? 'request'))
    return { status: 400, code: described.code, message: described.message, refusal: true }
  }
  if (OUTAGE_CODES.has(error.code ?? '') || OUTAGE_NAMES.has(error.name ?? '')) {
    const outage = DependencyUnavailableError()
    return { status: 503, code: outage.code, message: outage.message, refusal: false }
  }
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500
  // 5xx details stay in the log unless the error was written for the user (createExposedError).
  if (status >= 500 && error.expose !== true) {
    const hidden = InternalError()
    return { status, code: hidden.code, message: hidden.message, refusal: false }
  }
  const framework = !error.code || error.code.startsWith('FST_') || error.code.startsWith('ERR_')
  if (!framework && error.code) return { status, code: error.code, message: error.message ?? '请求错误', refusal: true }
  const code = error.code ?? 'KIT_BAD_REQUEST'
  return { status, code, message: FRAMEWORK_MESSAGES[code] ?? '请求错误', refusal: true }
}

export interface Refusal { reason: string, code: string }

/**
 * For a bus request handler: a refusal becomes part of the reply
 * (`{ sent: false, reason, code }`); a fault is thrown on, so the bus logs it
 * as an error and the requester sees a remote failure, not internal text.
 */
export function refusalOrThrow (error: unknown): Refusal {
  const failure = describeFailure(error)
  if (!failure.refusal) throw error
  return { reason: failure.message, code: failure.code }
}
