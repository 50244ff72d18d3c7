import { UpstreamTimeoutError, UpstreamUnavailableError } from '@driver/kit'

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])

/**
 * To a client every way a service can be unreachable (refused, reset, a
 * broken answer) is the same 503, and a slow one is a 504.
 */
export function upstreamFailure (error: Error & { code?: string }): Error {
  const cause = error.cause as { code?: string } | undefined
  if (TIMEOUT_CODES.has(error.code ?? '') || TIMEOUT_CODES.has(cause?.code ?? '')) return new UpstreamTimeoutError()
  return new UpstreamUnavailableError()
}
