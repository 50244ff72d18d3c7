import { isHexId } from '@driver/store'
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify'
import type { Static, TObject } from 'typebox'
import { UnauthorizedError } from './errors.js'
import { WX_USER_HEADER } from './headers.js'

export type WxHandler<S extends TObject> = (params: Static<S>, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>

/**
 * The seed's `/wx` endpoints take "post/get": the same parameters from a query
 * string, a form or a JSON body, validated by one schema.
 */
export function wxRoute<S extends TObject> (app: FastifyInstance, url: string, schema: S, handler: WxHandler<S>, options: Pick<RouteShorthandOptions, 'config'> = {}): void {
  app.get(url, { ...options, schema: { querystring: schema } }, (request, reply) => handler(request.query as Static<S>, request, reply))
  app.post(url, { ...options, schema: { body: schema } }, (request, reply) => handler(request.body as Static<S>, request, reply))
}

/** The WeChat user the gateway verified; its header is always overwritten there. */
export function wxUserId (request: FastifyRequest): string {
  const id = request.headers[WX_USER_HEADER]
  if (typeof id !== 'string' || !isHexId(id)) throw new UnauthorizedError()
  return id
}
