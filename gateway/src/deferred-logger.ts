import type { FastifyBaseLogger } from 'fastify'
import type { Bindings, ChildLoggerOptions } from 'pino'

type Write = (this: FastifyBaseLogger, ...args: unknown[]) => void

/**
 * A request's logger that writes only warnings and errors, and makes its pino
 * child (the request id bound, the app logger's redaction run over the
 * binding) only when one is written: most requests write none, and making the
 * child costs more than the request line itself.
 */
export class DeferredLogger implements FastifyBaseLogger {
  private made: FastifyBaseLogger | undefined

  constructor (private readonly parent: FastifyBaseLogger, private readonly bindings: Bindings) {}

  get level (): string {
    return this.parent.level
  }

  set level (level: string) {
    this.logger().level = level
  }

  info (): void {}
  debug (): void {}
  trace (): void {}
  silent (): void {}

  warn (...args: unknown[]): void {
    const logger = this.logger();
    (logger.warn as Write).apply(logger, args)
  }

  error (...args: unknown[]): void {
    const logger = this.logger();
    (logger.error as Write).apply(logger, args)
  }

  fatal (...args: unknown[]): void {
    const logger = this.logger();
    (logger.fatal as Write).apply(logger, args)
  }

  child (bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger().child(bindings, options)
  }

  private logger (): FastifyBaseLogger {
    this.made ??= this.parent.child(this.bindings)
    return this.made
  }
}
