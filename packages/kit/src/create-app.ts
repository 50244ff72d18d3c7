import { randomUUID } from 'node:crypto'
import fastifyFormbody from '@fastify/formbody'
import Fastify, {
  type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync, type FastifyRequest,
  type RawServerDefault, type RawRequestDefaultExpression, type RawReplyDefaultExpression
} from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { answerClientError } from './client-errors.js'
import { useEnvelope } from './envelope.js'
import { continueWhenBodyRead } from './expect-continue.js'
import { parseForm, parseQuery } from './form-parser.js'
import { convertRequestFormValues } from './form-values.js'
import { REQUEST_ID_HEADER } from './headers.js'
import { loggerOptions } from './logging.js'
import { healthRoutes } from './readiness.js'
import { RequestLog, requestLog } from './request-log.js'
import { DEFAULT_DEADLINES, deadlineOptions, type RequestDeadlines } from './request-deadlines.js'

export type App = FastifyInstance<
  RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider
>

/** A plugin typed with the TypeBox provider: route plugins and a service's `app.ts`. */
export type AppPlugin<O extends object = Record<never, never>> =
  FastifyPluginAsync<O, RawServerDefault, TypeBoxTypeProvider, FastifyBaseLogger>

export interface CreateAppOptions {
  /** Appears in every log line as `service`. */
  service: string
  logLevel?: string
  /** Addresses/CIDRs of proxies allowed to set X-Forwarded-For; empty trusts none. */
  trustProxy?: string[]
  bodyLimit?: number
  /**
   * How long a request may take to arrive, from its first byte: its headers,
   * and its headers and body whole (request-deadlines.ts); a late one is a 408.
   */
  deadlines?: RequestDeadlines
  /**
   * Parse `application/x-www-form-urlencoded` bodies and query strings as jQuery
   * encodes them (`a[]=1&a[]=2`, form-parser.ts), and turn their strings into
   * the numbers and booleans a route's schema asks for (form-values.ts): the
   * services' H5 pages post forms. The gateway passes bodies on as they came,
   * keeps Fastify's faster parser and validates nothing, so it has neither.
   */
  forms?: boolean
  /** Where log lines go; standard output unless given (tests read them from here). */
  logStream?: { write: (line: string) => void }
  /**
   * The client's address in request lines: the socket's (or X-Forwarded-For's, by `trustProxy`)
   * unless given; a service names the one the gateway asserted (`clientIp`).
   */
  clientIpOf?: (request: FastifyRequest) => string
}

/** A request id from a client is kept only if it is short and harmless in a log line. */
const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/

/**
 * The Fastify instance every service and the gateway start from: TypeBox types,
 * redacting logs, request ids, the `users` envelope at the root (a `/wx` scope
 * registers `wxEnvelope`), health and readiness.
 */
export function createApp (options: CreateAppOptions): App {
  const trustProxy = options.trustProxy ?? []
  const level = options.logLevel ?? 'info'
  // One line per request in place of Fastify's two (request-log.ts).
  const requestLines = new RequestLog({
    service: options.service, level, stream: options.logStream, clientIpOf: options.clientIpOf
  })
  const app = Fastify({
    // At silent nothing is written: no logger at all, so Fastify makes no child logger and no log
    // arguments for each request.
    logger: options.logLevel === 'silent'
      ? false
      : {
          ...loggerOptions({ level, service: options.service }),
          ...(options.logStream ? { stream: options.logStream } : {})
        },
    logController: requestLines,
    requestIdHeader: false,
    genReqId (request) {
      const given = request.headers[REQUEST_ID_HEADER]
      return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID()
    },
    trustProxy: trustProxy.length > 0 ? trustProxy : false,
    ...(options.forms ? { routerOptions: { querystringParser: parseQuery } } : {}),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Fastify leaves these off; a stuck client must not hold a socket forever.
    ...deadlineOptions(options.deadlines ?? DEFAULT_DEADLINES),
    connectionTimeout: 60_000,
    keepAliveTimeout: 5_000,
    return503OnClosing: true,
    clientErrorHandler: answerClientError,
    // No coercion: form and query strings are converted by the
    // schema first (form-values.ts); other wrong types are refused.
    ajv: { customOptions: { removeAdditional: 'all', coerceTypes: false, useDefaults: true, allErrors: false } }
  }).withTypeProvider<TypeBoxTypeProvider>()

  continueWhenBodyRead(app.server)
  app.register(requestLog, { log: requestLines })
  useEnvelope(app, 'users')
  // Keep-alive sockets of requests that finish during shutdown would otherwise
  // hold the process open until their idle timeout.
  let closing = false
  app.addHook('preClose', async () => { closing = true })
  // Callback-style: it runs on every answer, and an async hook costs a promise and a microtask each time.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header(REQUEST_ID_HEADER, request.id)
    if (closing) reply.header('connection', 'close')
    done(null, payload)
  })
  if (options.forms) {
    app.addHook('preValidation', convertRequestFormValues)
    app.register(fastifyFormbody, { parser: parseForm })
  }
  app.register(healthRoutes)
  return app
}
