import type { IncomingHttpHeaders } from 'node:http'

/**
 * Headers that describe one connection (RFC 9110 §7.6.1), not the message:
 * each side of the gateway has its own connection, so they never cross it.
 * `expect` is answered by the gateway itself (Node sends 100 Continue), and
 * undici refuses to send it, like `keep-alive`, `upgrade` and `transfer-encoding`.
 */
export const CONNECTION_HEADERS: ReadonlySet<string> = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'expect'
])

const NONE: readonly string[] = []

/** The header names a `Connection` header lists besides its usual one-word values. */
function namedBy (connection: string | string[] | undefined): readonly string[] {
  if (connection === undefined) return NONE
  const value = String(connection).toLowerCase()
  if (value === 'keep-alive' || value === 'close') return NONE
  return value.split(',').map((name) => name.trim())
}

/**
 * A copy of `headers` without the connection's own headers, those its
 * `Connection` header names, and `dropped` (lower-case names, as Node and
 * undici give them).
 */
export function endToEndHeaders (
  headers: IncomingHttpHeaders,
  dropped: ReadonlySet<string> = CONNECTION_HEADERS
): IncomingHttpHeaders {
  const named = namedBy(headers.connection)
  const kept: IncomingHttpHeaders = {}
  for (const name in headers) {
    if (!dropped.has(name) && (named.length === 0 || !named.includes(name))) kept[name] = headers[name]
  }
  return kept
}
