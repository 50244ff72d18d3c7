import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import pino, { type DestinationStream, type Logger } from 'pino'
import { describeFailure } from './failure.js'
import { redactUrl } from './log-masking.js'
import { lineOptions } from './logging.js'
import { unfinishedRequest } from './request-deadlines.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request was authenticated as (a WeChat user id, a `/users` id), set where that was verified. */
    callerId: string | null
  }
  interface FastifyReply {
    /** The code of the failure this reply answers with (envelope.ts), for the request line. */
    failureCode: string | null
  }
  interface FastifyContextConfig {
    /** The route serves static files: its request lines are written at `debug`, not `info`. */
    staticFile?: boolean
    /** The service the gateway forwards the route to. */
    upstream?: string
  }
}

/** The request line's own fields; pino adds `level`, `time`, `service`, `hostname`, `pid` and `msg`. */
export interface RequestLine {
  reqId: string
  method: string
  /** The route's template (`/users/:id`, `/wx/resume/*`); absent when no route matched (a 404). */
  route: string | undefined
  /** Secrets redacted, phones masked, cut at MAX_LOGGED_URL (log-masking.ts). */
  url: string
  /** Absent when the request never got an answer (`client aborted`, `request timed out`). */
  status: number | undefined
  /** From the request's arrival to the answer's last byte, in milliseconds. */
  ms: number
  caller: string | undefined
  clientIp: string
  upstream: string | undefined
  /** The failure's code when the answer is a refusal or a fault of this process. */
  code: string | undefined
}

export interface RequestLogOptions {
  service: string
  /** The process's level: lines are written at `info` (static files at `debug`), so none at `warn` and above. */
  level: string
  /** Where the lines go; standard output, buffered, unless given (tests read them from here). */
  stream?: DestinationStream
  /** The client's address; the socket's (or X-Forwarded-For's, by trustProxy) unless given. */
  clientIpOf?: (request: FastifyRequest) => string
}

const INFO = pino.levels.values.info ?? 30
const FLUSH_INTERVAL_MS = 1_000
const socketAddress = (request: FastifyRequest): string => request.ip

/**
 * One line per request, written by Fastify's log controller where its own two request lines were
 * ("incoming request", "request completed"): the same fields in every process. Nothing in it needs
 * the app logger's redaction or masking (the URL is redacted here, the rest are ids and numbers),
 * so it goes through a pino logger of its own, as cheap as pino is: one object, one JSON line.
 * Errors still reach the request's own logger, with its request id.
 */
export class RequestLog extends LogController {
  private readonly lines: Logger | undefined
  private readonly clientIpOf: (request: FastifyRequest) => string
  private readonly flush: (() => void) | undefined
  private flushing: NodeJS.Timeout | undefined

  constructor ({ service, level, stream, clientIpOf = socketAddress }: RequestLogOptions) {
    super()
    this.clientIpOf = clientIpOf
    if (level === 'silent') return
    let destination = stream
    if (destination === undefined) {
      // Written in 4 KiB pieces, one system call each, flushed every second and when the process stops.
      const buffered = pino.destination({ dest: 1, sync: true, minLength: 4096 })
      const flush = (): void => buffered.flushSync()
      this.flush = flush
      this.flushing = setInterval(flush, FLUSH_INTERVAL_MS).unref()
      process.once('exit', flush)
      destination = buffered
    }
    this.lines = pino(lineOptions({ level, service }), destination)
  }

  override incomingRequest (): void {}
  override routeNotFound (): void {}

  override requestCompleted (error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ err: error }, 'request errored')
    this.write(request, reply, 'request')
  }

  /** The line of a request, `msg` saying how it ended: `request`, or why it has no answer. */
  write (request: FastifyRequest, reply: FastifyReply, msg: string): void {
    const lines = this.lines
    if (lines === undefined) return
    const { url: route, config, logLevel } = request.routeOptions
    // A route that logs only warnings (health and readiness checks) writes no line.
    if (logLevel && (pino.levels.values[logLevel] ?? INFO) > INFO) return
    const atDebug = config.staticFile === true
    if (!lines.isLevelEnabled(atDebug ? 'debug' : 'info')) return
    const answered = msg === 'request'
    const line: RequestLine = {
      reqId: request.id,
      method: request.method,
      route,
      url: redactUrl(request.url),
      status: answered ? reply.statusCode : undefined,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      caller: request.callerId ?? undefined,
      clientIp: this.clientIpOf(request),
      upstream: config.upstream,
      code: reply.failureCode ?? undefined
    }
    if (atDebug) lines.debug(line, msg)
    else lines.info(line, msg)
  }

  /** The last buffered lines out, and no more timer. */
  close (): void {
    if (this.flush === undefined) return
    clearInterval(this.flushing)
    process.off('exit', this.flush)
    this.flush()
  }
}

/**
 * The request line's hooks: the caller and failure code decorated (so every request and reply
 * has the same shape); a line for a failed request that will get no answer, whose body never
 * arrived whole or whose client left, and so would have no line above (only failed requests
 * pass an onError hook); and the last lines flushed when the app closes.
 */
export const requestLog = fp<{ log: RequestLog }>(async (app, { log }) => {
  app.decorateRequest('callerId', null)
  app.decorateReply('failureCode', null)
  app.addHook('onError', (request, reply, error, done) => {
    const unfinished = unfinishedRequest(request.raw)
    if (unfinished !== undefined) {
      log.write(request, reply, unfinished)
    } else if (request.raw.socket?.destroyed === true) {
      // The client left before its answer (a download it gave up on): the answer will not be sent, and so
      // would write no line.
      reply.failureCode = describeFailure(error).code
      log.write(request, reply, 'client aborted')
    }
    done()
  })
  app.addHook('onClose', async () => { log.close() })
}, { name: 'request-log' })

/**
 * Marks the routes registered in `scope` from now on (not those for which `except` is true) as
 * serving static files, so that loading a page writes no line at `info` for each of its files.
 */
export function staticFileRoutes (scope: FastifyInstance, except: (url: string) => boolean = () => false): void {
  scope.addHook('onRoute', (route) => {
    if (!except(route.url)) route.config = { ...route.config, staticFile: true }
  })
}
