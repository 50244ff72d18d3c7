import fp from 'fastify-plugin'
import pino, { type DestinationStream } from 'pino'
import { redactUrl, traceFields, tracingOn, unfinishedRequest } from '@driver/kit'
import { DeferredLogger } from '../deferred-logger.js'

export interface AccessLogOptions {
  level: string
  /** Where access lines go; standard output, buffered, unless given (tests read them from here). */
  stream?: DestinationStream
}

const INFO = pino.levels.values.info ?? 30
const FLUSH_INTERVAL_MS = 1_000

/**
 * One line per request at `info`, written in `onResponse`: method, URL (its
 * secrets redacted and cut once, by the kit), status, time, client and request
 * id; a request whose client hung up before its body was whole, or whose body
 * missed its deadline, gets one line when its body reader gives up (`client
 * aborted`, `request timed out`). Headers are never logged, so the line needs
 * none of the app logger's redaction paths, and goes through a logger of its
 * own without them.
 *
 * Fastify's own two lines per request, and the kit's line for a refusal, say
 * nothing this line does not: at `info` and above, request loggers write only
 * warnings and errors (which still carry the request id). `debug` and `trace`
 * keep every line.
 */
export const accessLog = fp<AccessLogOptions>(async (app, options) => {
  const level = pino.levels.values[options.level] ?? INFO
  if (level < INFO) return
  // At silent the app has no logger (the kit's createApp): Fastify then makes no child logger per request.
  if (options.level === 'silent') return
  // Request loggers that write only warnings and errors, made when one is written.
  const parent = level === INFO ? app.log.child({}, { level: 'warn' }) : app.log
  app.setChildLoggerFactory((logger, bindings, childOptions) =>
    childOptions.level === undefined && childOptions.serializers === undefined
      ? new DeferredLogger(parent, bindings)
      : logger.child(bindings, childOptions))
  if (level !== INFO) return

  let destination = options.stream
  if (!destination) {
    // Written in 4 KiB pieces, one system call each, flushed every second and when the gateway stops.
    const buffered = pino.destination({ dest: 1, sync: true, minLength: 4096 })
    const flush = (): void => buffered.flushSync()
    const flushing = setInterval(flush, FLUSH_INTERVAL_MS).unref()
    process.once('exit', flush)
    app.addHook('onClose', async () => {
      clearInterval(flushing)
      process.off('exit', flush)
      flush()
    })
    destination = buffered
  }
  // While tracing, a line carries its request's trace id, as the app logger's lines do.
  const traced = tracingOn() ? { mixin: traceFields } : {}
  const lines = pino({ level: 'info', base: { service: 'gateway' }, ...traced }, destination)

  app.addHook('onResponse', (request, reply, done) => {
    // Routes that log only warnings (health checks) are left out.
    const routeLevel = request.routeOptions.logLevel
    if (routeLevel === undefined || (pino.levels.values[routeLevel] ?? INFO) <= INFO) {
      lines.info({
        reqId: request.id,
        method: request.method,
        url: redactUrl(request.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        ip: request.ip
      }, 'request')
    }
    done()
  })
  // A request whose body never arrived whole has no response and so no line above; it gets this one instead.
  // Only failed requests pass here.
  app.addHook('onError', (request, reply, _error, done) => {
    const unfinished = unfinishedRequest(request.raw)
    if (unfinished !== undefined) {
      lines.info({
        reqId: request.id,
        method: request.method,
        url: redactUrl(request.url),
        ms: Math.round(reply.elapsedTime * 10) / 10,
        ip: request.ip
      }, unfinished)
    }
    done()
  })
}, { name: 'access-log' })
