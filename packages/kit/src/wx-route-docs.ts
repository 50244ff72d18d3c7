import type { SwaggerTransform } from '@fastify/swagger'
import type { FastifySchema } from 'fastify'
import type { Static, TObject, TSchema } from 'typebox'

/** What a `/wx` route's document shows: a call, its success answer, and a refusal. */
export interface WxRouteExample<P, R> {
  /** The parameters, as a query string, a form or a JSON body. */
  params: P
  response: R
  /** A refusal the route gives with status 200, for a route that has one. */
  refusal?: { message: string, code: string }
}

/** The envelope goes out as text unless the request's Accept names JSON (kit's wxEnvelope). */
export const WX_CONTENT_TYPES = ['text/plain', 'application/json']

/** A `/wx` POST takes a form or JSON. */
const JSON_FIRST = ['application/json', 'application/x-www-form-urlencoded']

/**
 * A route documented by `schema` instead of the schemas Fastify validates and serialises
 * with (a multipart body, an image, an answer that is one of two); at `path` when the
 * public address is not Fastify's own spelling.
 */
export function documentedAs (schema: FastifySchema, path?: string): SwaggerTransform {
  return ({ url }) => ({ schema, url: path ?? url })
}

/** The parameters' schema with each property's example, so a query string or a path shows it. */
export function withPropertyExamples<T extends TObject> (params: T, example: Partial<Static<T>>): T {
  const given = example as Record<string, unknown>
  const properties = Object.fromEntries(Object.entries(params.properties).map(([name, schema]) =>
    [name, given[name] === undefined ? schema : { ...schema, examples: [given[name]] }]))
  return { ...params, properties }
}

/** `schema` with examples the document shows (a body's, an answer's); validation ignores them. */
export function withExamples<T extends TSchema> (schema: T, ...examples: Array<Static<T>>): T {
  return { ...schema, examples }
}

/**
 * A `/wx` route's answers: its 200 is a success or a refusal (the seed's
 * envelope), with an example of each; other statuses carry the failure.
 */
export function wxAnswers (
  success: TSchema, failure: TSchema, example: Omit<WxRouteExample<unknown, unknown>, 'params'>
): { 200: TSchema, default: TSchema } {
  const successExample = { summary: 'success', value: example.response }
  const answer = example.refusal === undefined
    ? { ...success, description: 'success', 'x-examples': { success: successExample } }
    : {
        description: 'success, or a refusal `{"message": "<reason>", "code": "<CODE>"}`: both answer 200',
        anyOf: [success, failure],
        'x-examples': { success: successExample, refusal: { summary: 'a refusal, also 200', value: example.refusal } }
      }
  return { 200: answer, default: failure }
}

/** The document of a `/wx` "post/get" route: GET takes the parameters as a query string, POST as a body. */
export function wxRouteDocs (
  method: 'GET' | 'POST',
  schema: FastifySchema & { response: { 200: TSchema, default: TSchema } },
  params: TObject,
  example: WxRouteExample<unknown, unknown>
): SwaggerTransform {
  const { response, ...rest } = schema
  const input = method === 'GET'
    ? { querystring: withPropertyExamples(params, example.params as Partial<Static<TObject>>) }
    // JSON first, so Swagger UI starts from the whole example rather than a form of placeholders.
    : { body: { ...params, examples: [example.params] }, consumes: [...JSON_FIRST] }
  return documentedAs({
    ...rest, ...input, produces: WX_CONTENT_TYPES, response: wxAnswers(response[200], response.default, example)
  })
}
