import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import { PayloadTooLargeError } from '@driver/kit'

export interface BodyLimitOptions {
  limit: number
}

/**
 * Every request body is read whole, within its route's limit, before the
 * route runs, as nginx's request buffering does: a service's connection is
 * taken only for a complete body, so clients that send slowly hold a socket
 * of the gateway, not one of the few connections to a service. How long a
 * body may take is the server's request timeout.
 *
 * A declared length over the limit is refused before any byte is read; a
 * chunked body as soon as it passes the limit. The rest of a refused body is
 * read and dropped by Node, so the client gets its 413 instead of a reset.
 */
export const bodyLimit = fp<BodyLimitOptions>(async (app, { limit }) => {
  const limitOf = (request: FastifyRequest): number => request.routeOptions.config.bodyLimit ?? limit

  app.addHook('onRequest', (request, _reply, done) => {
    const declared = request.headers['content-length']
    done(declared !== undefined && Number(declared) > limitOf(request) ? new PayloadTooLargeError() : undefined)
  })

  // The gateway never parses a body: whatever its type, the bytes go to the service as they came.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', (request, payload, done) => {
    const routeLimit = limitOf(request)
    const chunks: Buffer[] = []
    let received = 0
    const finish = (error: Error | null): void => {
      payload.off('data', onData)
      payload.off('end', onEnd)
      payload.off('error', finish)
      if (error) {
        done(error, undefined)
        return
      }
      done(null, Buffer.concat(chunks, received))
    }
    const onData = (chunk: Buffer): void => {
      received += chunk.length
      if (received > routeLimit) finish(new PayloadTooLargeError())
      else chunks.push(chunk)
    }
    const onEnd = (): void => finish(null)
    payload.on('data', onData)
    payload.on('end', onEnd)
    payload.on('error', finish)
  })
}, { name: 'body-limit' })
