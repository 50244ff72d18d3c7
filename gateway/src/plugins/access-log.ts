import fp from 'fastify-plugin'
import pino, { type DestinationStream } from 'pino'
import { redactUrl } from '@driver/kit'

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
 * id. Headers are never logged, so the line needs none of the app logger's
 * redaction paths, and goes through a logger of its own without them.
 *
 * Fastify's own two lines per request, and the kit's line for a refusal, say
 * nothing this line does not: at `info` the request loggers start at `warn`,
 * so warnings and errors still carry the request id. `debug` and `trace` keep
 * every line.
 */
export const accessLog = fp<AccessLogOptions>(async (app, options) => {
  const level = pino.levels.values[options.level] ?? INFO
  if (level !== INFO) return

  const destination = options.stream ?? pino.destination({ dest: 1, sync: false, minLength: 4096 })
  const lines = pino({ level: 'info', base: { service: 'gateway' } }, destination)
  if (!options.stream) {
    // Buffered for throughput; a quiet gateway still shows its lines within a second.
    const flushing = setInterval(() => lines.flush(), FLUSH_INTERVAL_MS).unref()
    app.addHook('onClose', async () => {
      clearInterval(flushing)
      lines.flush()
    })
  }

  const quiet = app.log.child({}, { level: 'warn' })
  app.setChildLoggerFactory((logger, bindings, childOptions) => childOptions.level === undefined && childOptions.serializers === undefined
    ? quiet.child(bindings)
    : logger.child(bindings, childOptions))

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
}, { name: 'access-log' })
