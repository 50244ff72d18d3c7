import createError from '@fastify/error'

/**
 * A server-side failure the user should still read about ("SMS could not be
 * sent, try later"): its instances carry `expose`, so the envelope shows the
 * message even for a 5xx.
 */
export function createExposedError (code: string, message: string, statusCode: number) {
  const ErrorType = createError(code, message, statusCode)
  Object.defineProperty(ErrorType.prototype, 'expose', { value: true })
  return ErrorType
}

/**
 * Every failure the kit itself produces, created once with a stable code.
 * Each service creates its own in its `src/errors.ts`, under its own prefix
 * (`RESUMES_`, `MEDIA_`, `SMS_`, `IDENTITY_`).
 */
export const NotFoundError = createError('KIT_NOT_FOUND', '接口不存在', 404)
export const ValidationError = createError('KIT_VALIDATION', '参数错误: %s', 400)
/** A form or query string beyond the parser's limits (form-parser.ts): too many parameters, elements or brackets. */
export const FormTooComplexError = createError('KIT_FORM_TOO_COMPLEX', '参数过多或层次过深', 400)
export const UnauthorizedError = createError('KIT_UNAUTHORIZED', '未登录', 401)
export const ForbiddenError = createError('KIT_FORBIDDEN', '禁止访问', 403)
export const RequestTimeoutError = createError('KIT_REQUEST_TIMEOUT', '请求超时', 408)
export const PayloadTooLargeError = createError('KIT_PAYLOAD_TOO_LARGE', '请求内容过大', 413)
export const RateLimitedError = createError('KIT_RATE_LIMITED', '请求过于频繁，请稍后再试', 429)
export const UpstreamUnavailableError = createExposedError('KIT_UPSTREAM_UNAVAILABLE', '服务暂不可用，请稍后再试', 503)
export const UpstreamTimeoutError = createExposedError('KIT_UPSTREAM_TIMEOUT', '服务响应超时，请稍后再试', 504)
export const InternalError = createError('KIT_INTERNAL', '服务器内部错误', 500)
export const DependencyUnavailableError = createError('KIT_DEPENDENCY_UNAVAILABLE', '服务暂不可用，请稍后再试', 503)

export { createError }
