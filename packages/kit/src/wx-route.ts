import { FailureCode, isHexId } from '@driver/contracts'
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type, type Static, type TObject, type TSchema } from 'typebox'
import { UnauthorizedError } from './errors.js'
import { WX_USER_HEADER } from './headers.js'
import { wxRouteDocs, type WxRouteExample } from './wx-route-docs.js'

/** `{"message":"success"}`, the seed's whole answer to most `/wx` calls. */
export const WxSuccessSchema = Type.Object({ message: Type.Literal('success') }, { description: 'success' })

/** What every `/wx` failure carries; business refusals answer it with status 200. */
export const WxFailureSchema = Type.Object({
  message: Type.String({ description: 'the reason, in Chinese, for the user' }),
  code: FailureCode
}, { description: 'a refusal (status 200 on /wx), a missing session (401), a rate limit (429) or a fault (5xx)' })

export interface WxRouteSchema<P extends TObject, R extends TSchema> {
  summary: string
  description?: string
  /** The parameters, the same from a query string, a form or a JSON body. */
  params: P
  /** The success answer; it is also what the answer may carry (unlisted fields are dropped). */
  response: R
  /** What the document shows, and what Swagger UI fills in. */
  example: WxRouteExample<Static<P>, Static<R>>
}

export type WxHandler<P extends TObject, R extends TSchema> =
  (params: Static<P>, request: FastifyRequest, reply: FastifyReply) => Promise<Static<R>>

/**
 * jQuery's `$.post(url, cb)` and `$.post(url, {}, cb)` send no body and no
 * content type, so Fastify parses nothing: that is a call without parameters
 * (as a GET without a query), not a malformed body.
 */
async function noBodyIsNoParameters (request: FastifyRequest): Promise<void> {
  if (request.body === undefined || request.body === null) request.body = {}
}

/**
 * The seed's `/wx` endpoints take "post/get": the same parameters from a query
 * string, a form or a JSON body, validated by one schema. No HEAD twin: a GET
 * here may send a code.
 */
export function wxRoute<P extends TObject, R extends TSchema> (
  app: FastifyInstance,
  url: string,
  schema: WxRouteSchema<P, R>,
  handler: WxHandler<P, R>,
  config?: FastifyContextConfig
): void {
  const { summary, description, params, response, example } = schema
  const documented = { summary, description, response: { 200: response, default: WxFailureSchema } }
  const consumes = ['application/x-www-form-urlencoded', 'application/json']
  const getConfig = { ...config, swaggerTransform: wxRouteDocs('GET', documented, params, example) }
  const postConfig = { ...config, swaggerTransform: wxRouteDocs('POST', { ...documented, consumes }, params, example) }
  // Fastify's types cannot resolve a schema passed as a type parameter, so the
  // validated values are typed here, once, for every route plugin that calls this.
  app.get(url, { config: getConfig, exposeHeadRoute: false, schema: { ...documented, querystring: params } },
    (request, reply) => handler(request.query as Static<P>, request, reply))
  app.post(url, {
    config: postConfig, preValidation: noBodyIsNoParameters, schema: { ...documented, consumes, body: params }
  }, (request, reply) => handler(request.body as Static<P>, request, reply))
}

/** The WeChat user the gateway verified; its header is always overwritten there. */
export function wxUserId (request: FastifyRequest): string {
  const id = request.headers[WX_USER_HEADER]
  if (!isHexId(id)) throw new UnauthorizedError()
  return id
}
