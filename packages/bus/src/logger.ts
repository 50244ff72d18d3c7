import type { LogFn } from 'pino'

/** The part of a pino (or Fastify) logger the bus uses, so `app.log` can be passed as is. */
export interface BusLogger {
  debug: LogFn
  info: LogFn
  warn: LogFn
  error: LogFn
  child (bindings: Record<string, unknown>): BusLogger
}
