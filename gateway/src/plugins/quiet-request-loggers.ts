import fp from 'fastify-plugin'
import pino from 'pino'
import { DeferredLogger } from '../deferred-logger.js'

const INFO = pino.levels.values.info ?? 30

export interface QuietRequestLoggersOptions {
  level: string
}

/**
 * At `info` and above, a request's own logger writes only warnings and errors (which carry its
 * request id), and is made only when it writes one: the request line (the kit's request-log.ts) says
 * what the gateway has to say of a request at `info`, and making a pino child per request costs
 * more than that line. `debug` and `trace` keep request loggers whole; at `silent` the app has
 * no logger (the kit's createApp), so Fastify makes none.
 */
export const quietRequestLoggers = fp<QuietRequestLoggersOptions>(async (app, options) => {
  const level = pino.levels.values[options.level] ?? INFO
  if (level < INFO || options.level === 'silent') return
  // Above info the app's logger already writes nothing below a warning.
  const parent = level === INFO ? app.log.child({}, { level: 'warn' }) : app.log
  app.setChildLoggerFactory((logger, bindings, childOptions) =>
    childOptions.level === undefined && childOptions.serializers === undefined
      ? new DeferredLogger(parent, bindings)
      : logger.child(bindings, childOptions))
}, { name: 'quiet-request-loggers' })
