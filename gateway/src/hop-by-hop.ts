/**
 * Headers that describe one connection (RFC 9110 §7.6.1), not the message:
 * each side of the gateway has its own connection, so they never cross it.
 * `expect` is answered by the gateway itself (Node sends 100 Continue), and
 * undici refuses to send it, like `keep-alive`, `upgrade` and `transfer-encoding`.
 */
const CONNECTION_HEADERS = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'expect']

type Headers = Record<string, string | string[] | number | undefined>

/** Removes the connection's own headers, and those it names, from a header object it owns. */
export function dropConnectionHeaders<T extends Headers> (headers: T): T {
  const connection = headers.connection
  if (typeof connection === 'string') {
    for (const name of connection.split(',')) delete headers[name.trim().toLowerCase()]
  }
  for (const name of CONNECTION_HEADERS) delete headers[name]
  return headers
}
