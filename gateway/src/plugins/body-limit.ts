import fp from 'fastify-plugin'
import { PayloadTooLargeError } from '@driver/kit'
import type { RouteConfig } from '../route-table.js'

export interface BodyLimitOptions {
  limit: number
}

/**
 * Proxied bodies are streamed, so Fastify's own bodyLimit never sees them: a
 * declared length over the route's limit is refused before any byte is read.
 * A chunked body is bounded by the service's own limit.
 */
export const bodyLimit = fp<BodyLimitOptions>(async (app, { limit }) => {
  app.addHook('onRequest', async (request) => {
    const declared = Number(request.headers['content-length'] ?? 0)
    const routeLimit = (request.routeOptions.config as RouteConfig).bodyLimit ?? limit
    if (declared > routeLimit) throw new PayloadTooLargeError()
  })
}, { name: 'body-limit' })
