import fp from 'fastify-plugin'
import type { FastifyError } from 'fastify'
import { PayloadTooLargeError } from '@driver/kit'

export interface RequestBodiesOptions {
  /** The limit of the routes the route table marks `upload`; the others have the server's `bodyLimit`. */
  uploadLimit: number
}

/** Passes the gateway's refusal on to the scope's error handler, which answers in the route's envelope. */
function refuseInOurTerms (error: FastifyError): never {
  throw error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? new PayloadTooLargeError() : error
}

/**
 * Every request body is read whole by Fastify's own body reader, within its
 * route's `bodyLimit`, before the route runs, as nginx's request buffering
 * does: a service's connection is taken only for a complete body, so clients
 * that send slowly hold a socket of the gateway, not one of the few
 * connections to a service. How long a body may take is the server's request
 * timeout. (@fastify/http-proxy's own parser would hand the route the raw
 * stream, to which no limit applies; routes/proxy.ts turns it off.)
 *
 * Fastify refuses a declared length over the limit before reading a byte, a
 * chunked body as soon as it passes the limit, and a body that is not as long
 * as it declared; the rest of a refused body is read and dropped by Node, so
 * the client gets its 413 instead of a reset.
 */
export const requestBodies = fp<RequestBodiesOptions>(async (app, { uploadLimit }) => {
  // The gateway never parses a body: whatever its type, the bytes go to the service as they came.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body)
  })
  app.addHook('onRoute', (route) => {
    if (route.config?.upload) route.bodyLimit = uploadLimit
    route.errorHandler ??= refuseInOurTerms
  })
}, { name: 'request-bodies' })
