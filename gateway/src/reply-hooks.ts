import type { IncomingHttpHeaders } from 'node:http'
import type { FastifyRequest } from 'fastify'
import type { FastifyHttpProxyOptions } from '@fastify/http-proxy'
import type { Dispatcher } from 'undici'
import { UpstreamTimeoutError, UpstreamUnavailableError, WX_USER_HEADER, setAssertionHeaders } from '@driver/kit'
import { CONNECTION_HEADERS, endToEndHeaders } from './hop-by-hop.js'

type ReplyHooks = NonNullable<FastifyHttpProxyOptions['replyOptions']>
/** The reply as reply-from's hooks are given it. */
type HookReply = Parameters<NonNullable<ReplyHooks['onError']>>[0]
type ForwardedRequest = Pick<FastifyRequest, 'method' | 'url' | 'id' | 'ip' | 'wxUserId' | 'body'>

/** What reply-from hands `onResponse` when it sends with undici (its types name node:http's message). */
interface ServiceAnswer {
  headers: IncomingHttpHeaders
  stream: Dispatcher.ResponseData['body']
}

/** Answers up to this size are collected and sent in one write; larger ones (photos) stream. */
export const COLLECTED_ANSWER_BYTES = 64 * 1024

/**
 * Client headers a service never gets: those of the client's connection (reply-from drops `Connection`
 * and the names it lists, undici refuses the rest), and the user header, which only the gateway sets.
 */
const NOT_FORWARDED: ReadonlySet<string> = new Set([...CONNECTION_HEADERS, WX_USER_HEADER])
/** Without a body read (a GET's is not), its declared length is not sent either. */
const NOT_FORWARDED_WITHOUT_BODY: ReadonlySet<string> = new Set([...NOT_FORWARDED, 'content-length'])

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])

/** A replica that refused, reset or closed the connection, or was taken out as the request was given it. */
const RETRIED_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_CLOSED'
])
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS'])
/** Soon enough to go unnoticed, late enough for the failed replica to have been taken out (replica-set.ts). */
const RETRY_AFTER_MS = 1

type RetryDelay = NonNullable<ReplyHooks['retryDelay']>

/**
 * A request that met a replica's connection failure is sent once more, to another replica
 * (the failed one is out of the pool by then), when repeating it cannot do a thing twice:
 * GET, HEAD, OPTIONS, or any request without a body. A request with a body is never repeated;
 * a slow service (504) neither, and a service's own 503 is its answer.
 */
export const retryOnAnotherReplica: RetryDelay = ({ err, req, attempt }) => {
  if (err === null || err === undefined || attempt > 0) return null
  if (!RETRIED_CODES.has((err as { code?: string }).code ?? '')) return null
  const { method, body } = req as { method: string, body?: unknown }
  const bodiless = body === undefined || body === null || body === '' || (Buffer.isBuffer(body) && body.length === 0)
  return IDEMPOTENT_METHODS.has(method) || bodiless ? RETRY_AFTER_MS : null
}

/**
 * To a client every way a service can be unreachable (refused, reset, a
 * broken answer) is the same 503, and a slow one is a 504.
 */
export function upstreamFailure (error: Error & { code?: string }): Error {
  const cause = error.cause as { code?: string } | undefined
  if (TIMEOUT_CODES.has(error.code ?? '') || TIMEOUT_CODES.has(cause?.code ?? '')) return new UpstreamTimeoutError()
  return new UpstreamUnavailableError()
}

/**
 * The client's headers as a service gets them: with the service's host and the
 * length of the body as read (both set by reply-from), and with the headers a
 * service trusts always set here, whatever the client sent: the request id,
 * the client IP as the gateway derived it, the session's user, and the
 * gateway's signature over them. A new object rather than reply-from's copy
 * changed in place: Node 20's V8 takes microseconds, not nanoseconds, to add a
 * property to an object cloned by spread, as reply-from's is.
 */
function forwardedHeaders (
  secret: string,
  request: ForwardedRequest,
  headers: IncomingHttpHeaders
): IncomingHttpHeaders {
  const dropped = Buffer.isBuffer(request.body) ? NOT_FORWARDED : NOT_FORWARDED_WITHOUT_BODY
  return setAssertionHeaders(endToEndHeaders(headers, dropped), secret, {
    method: request.method,
    url: request.url,
    requestId: request.id,
    clientIp: request.ip,
    wxUserId: request.wxUserId
  })
}

/** Told of every request the service failed: `timeout` when it was too slow (504), `error` otherwise (503). */
export type UpstreamFailed = (kind: 'error' | 'timeout') => void

function failureOf (error: Error, failed: UpstreamFailed): Error {
  const failure = upstreamFailure(error)
  failed(failure instanceof UpstreamTimeoutError ? 'timeout' : 'error')
  return failure
}

/** A failure after the service's status and headers were copied: the refusal carries none of them. */
function answerFailure (reply: HookReply, headers: IncomingHttpHeaders, error: Error, failed: UpstreamFailed): void {
  for (const name of Object.keys(headers)) reply.removeHeader(name)
  reply.send(failureOf(error, failed))
}

/**
 * The service's answer, its status and end-to-end headers already copied by
 * reply-from: a small body is collected and sent in one write (a body the
 * service breaks off is a 503 in the gateway's envelope, not a cut answer), a
 * large or unsized one streams. Collected from its chunks as they come: one
 * chunk, the usual case, is sent as it is, where undici's `bytes()` would copy
 * it into a new ArrayBuffer, which costs more than the stream events.
 */
function answer (reply: HookReply, { headers, stream: body }: ServiceAnswer, failed: UpstreamFailed): void {
  if (reply.sent) {
    // reply-from already answered: the service's status is one Fastify cannot send.
    body.destroy()
    return
  }
  if (!(Number(headers['content-length']) <= COLLECTED_ANSWER_BYTES)) {
    reply.send(body)
    return
  }
  const chunks: Buffer[] = []
  body.on('data', (chunk: Buffer) => { chunks.push(chunk) })
  body.on('end', () => reply.send(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)))
  body.on('error', (error: Error) => answerFailure(reply, headers, error, failed))
}

/**
 * reply-from's hooks for the proxied routes of one service; `secret` signs what the gateway asserts
 * (GATEWAY_ASSERTION_SECRET), `failed` counts the service's failures.
 */
export function replyHooks (secret: string, failed: UpstreamFailed = () => {}): ReplyHooks {
  return {
    rewriteRequestHeaders: (request, headers) => forwardedHeaders(secret, request, headers as IncomingHttpHeaders),
    // Headers of the service's connection are the gateway's alone; the client's connection has its own.
    rewriteHeaders: (headers) => endToEndHeaders(headers as IncomingHttpHeaders),
    onResponse: (_request, reply, res) => {
      answer(reply, res as unknown as ServiceAnswer, failed)
    },
    onError: (reply, { error }) => {
      reply.send(failureOf(error, failed))
    },
    // Not reply-from's own: it would repeat a GET up to ten times on a service's 503.
    retryDelay: retryOnAnotherReplica
  }
}
