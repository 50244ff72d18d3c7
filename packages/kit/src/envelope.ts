import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { NotFoundError } from './errors.js'
import { describeFailure, type Failure } from './failure.js'
import { unfinishedRequest } from './request-deadlines.js'

/**
 * The two API families answer in different envelopes (DESIGN §3):
 * `/wx/*` → `{"message": ...}`, `/users/*` and the rest → `{"result": 0|1, "msg": ...}`.
 * The root of every app answers in `users`; a scope that registers `wxEnvelope` in `wx`.
 */
export type EnvelopeName = 'wx' | 'users'

export interface WxFailure { message: string, code: string }
export interface UsersFailure { result: 0, msg: string, code: string }

/** On /wx, only these statuses survive; other client failures answer 200 (jQuery's $.post). */
const WX_KEPT_STATUSES = new Set([401, 403, 405, 413, 415, 429])

/** The status and body a failure answers with in an envelope. */
export function failureReply (
  envelope: EnvelopeName, failure: Failure
): { status: number, body: WxFailure | UsersFailure } {
  if (envelope === 'wx') {
    const kept = failure.status >= 500 || WX_KEPT_STATUSES.has(failure.status) || failure.code === NotFoundError().code
    return { status: kept ? failure.status : 200, body: { message: failure.message, code: failure.code } }
  }
  return { status: failure.status, body: { result: 0, msg: failure.message, code: failure.code } }
}

/**
 * A refusal is told by its request line, which carries its code beside the status answered (a
 * `/wx` refusal is a 200); a fault is also logged as an error, with what was thrown.
 */
export function noteFailure (request: FastifyRequest, reply: FastifyReply, failure: Failure, error: unknown): void {
  reply.failureCode = failure.code
  if (!failure.refusal) request.log.error({ err: error }, 'request failed')
}

export function sendFailure (
  envelope: EnvelopeName, request: FastifyRequest, reply: FastifyReply, error: unknown
): FastifyReply {
  const unfinished = unfinishedRequest(request.raw)
  if (unfinished !== undefined) {
    // Nobody is left to answer: the connection is closed, by the client or on the request's deadline.
    // Its request line says so (request-log.ts).
    return reply.code(unfinished === 'request timed out' ? 408 : 400).send()
  }
  const failure = describeFailure(error)
  const { status, body } = failureReply(envelope, failure)
  noteFailure(request, reply, failure, error)
  // Serialised here, not by the route's response schema, which describes success only.
  return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(body))
}

/** Where `useEnvelope` sets its handlers: an app or one of its scopes. */
export interface HandlerScope {
  setErrorHandler: (handler: (error: Error, request: FastifyRequest, reply: FastifyReply) => unknown) => unknown
  setNotFoundHandler: (handler: (request: FastifyRequest, reply: FastifyReply) => unknown) => unknown
}

/** The error and not-found handlers that answer in one envelope, for the scope they are set on. */
export function useEnvelope (app: HandlerScope, envelope: EnvelopeName): void {
  app.setErrorHandler((error, request, reply) => sendFailure(envelope, request, reply, error))
  app.setNotFoundHandler((request, reply) => sendFailure(envelope, request, reply, new NotFoundError()))
}

/**
 * True when the Accept header names JSON itself; a wildcard does not count, so
 * jQuery's default `*\/*` gets text and its callbacks can `JSON.parse` the body.
 */
export function acceptsJsonExplicitly (accept: string | undefined): boolean {
  if (!accept) return false
  return accept.split(',').some((range) => {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase())
    if (type !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(type)) return false
    return !params.some((param) => /^q=0(\.0*)?$/.test(param))
  })
}

/**
 * The `/wx` envelope (DESIGN §3) for the scope it is registered in (a route
 * prefix plugin such as `routes/wx/index.ts`): its failures, its 404s, and JSON
 * answered as text unless the client asks for JSON explicitly.
 */
export const wxEnvelope = fp(async (app) => {
  useEnvelope(app, 'wx')
  app.addHook('onSend', (request, reply, payload, done) => {
    const type = String(reply.getHeader('content-type') ?? '')
    if (type.startsWith('application/json') && !acceptsJsonExplicitly(request.headers.accept)) {
      reply.header('content-type', 'text/plain; charset=utf-8')
    }
    done(null, payload)
  })
})
