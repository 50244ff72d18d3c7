/**
 * The slice of a pino (or Fastify) logger every package uses, so `app.log` can be
 * passed as is and a test can hand in a few functions.
 */
export interface Logger {
  debug: LogFn
  info: LogFn
  warn: LogFn
  error: LogFn
  child: (bindings: Record<string, unknown>) => Logger
}

export interface LogFn {
  (details: object, message?: string): void
  (message: string): void
}
