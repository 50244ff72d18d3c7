import { UpstreamTimeoutError, UpstreamUnavailableError } from '@driver/kit'

const TIMEOUT_CODES = new Set(['FST_REPLY_FROM_TIMEOUT', 'FST_REPLY_FROM_GATEWAY_TIMEOUT', 'FST_REPLY_FROM_HTTP_REQUEST_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])

/**
 * reply-from reports a refused connection as a 500; to a client every way an
 * upstream can be unreachable is the same 503, and a slow one is a 504.
 */
export function upstreamFailure (error: Error & { code?: string }): Error {
  const cause = error.cause as { code?: string } | undefined
  if (TIMEOUT_CODES.has(error.code ?? '') || TIMEOUT_CODES.has(cause?.code ?? '')) return new UpstreamTimeoutError()
  return new UpstreamUnavailableError()
}
