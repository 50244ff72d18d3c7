import type { FastifyInstance } from 'fastify'

/** Where a simulator listens: port 0 (the OS picks) on loopback unless told otherwise. */
export interface ListenOptions {
  host?: string
  port?: number
}

/**
 * Starts `app` listening and answers the base URL a client on this machine
 * reaches it at (loopback for a wildcard host), to give as WeChat's or MeFP's URL.
 */
export async function listenForUrl (app: FastifyInstance, options: ListenOptions): Promise<string> {
  const { host = '127.0.0.1', port = 0 } = options
  await app.listen({ host, port })
  const address = app.server.address()
  const bound = typeof address === 'object' && address !== null ? address.port : port
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${bound}`
}
