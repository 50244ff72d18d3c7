import closeWithGrace from 'close-with-grace'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import { ConfigError } from './config.js'
import type { Tracing } from './tracing.js'

export interface ServeOptions {
  host: string
  port: number
  /** How long in-flight requests may take to finish after SIGTERM/SIGINT. */
  graceMs: number
  /** The process's tracing, if on: its last spans are sent once the app is closed. */
  tracing?: Tracing
}

/**
 * Listens, then on SIGTERM/SIGINT (or a crash) stops accepting, lets in-flight
 * requests finish within the grace period and closes every dependency through
 * the apps' onClose hooks. A port that cannot be had is a ConfigError naming it.
 */
export async function serve (app: FastifyInstance, options: ServeOptions): Promise<string> {
  let address: string
  try {
    address = await listenOn(app, options.host, options.port)
  } catch (error) {
    await app.close()
    await options.tracing?.shutdown()
    throw error
  }
  closeOnSignals({ graceMs: options.graceMs, log: app.log }, async () => {
    await app.close()
    await options.tracing?.shutdown()
  })
  return address
}

/** `app.listen`, with the reasons a listen fails said in the words of HOST and PORT. */
export async function listenOn (app: FastifyInstance, host: string, port: number): Promise<string> {
  try {
    return await app.listen({ host, port })
  } catch (error) {
    throw listenFailure(error, host, port)
  }
}

/** Turns the errors of listening on host:port into a ConfigError that names the port; others pass unchanged. */
export function listenFailure (error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const where = `${host}:${port}`
  if (code === 'EADDRINUSE') {
    return new ConfigError(['PORT'], [
      `PORT ${port} is already in use on ${host} (another process listens on ${where}); ` +
      'stop that process or set PORT to a free port'
    ])
  }
  if (code === 'EACCES') {
    return new ConfigError(['PORT'], [
      `PORT ${port} needs privileges this process does not have; set PORT to 1024 or above`
    ])
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ConfigError(['HOST'], [
      `HOST ${host} is not an address of this machine; use 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)`
    ])
  }
  return error
}

/**
 * A second SIGINT this soon after the first is the same Ctrl-C passed on by a parent
 * (pnpm forwards it to its script), not someone asking to stop at once.
 */
const RELAYED_SIGNAL_MS = 1_000

export interface CloseOnSignalsOptions {
  graceMs: number
  log: Pick<FastifyBaseLogger, 'info' | 'error'>
}

/**
 * Runs `close` once on SIGTERM, SIGINT or a crash, then exits: 0 after a clean stop,
 * 1 after a crash or when closing takes longer than `graceMs`. A Ctrl-C relayed by a
 * parent process does not count as a second one; a later Ctrl-C stops at once.
 */
export function closeOnSignals ({ graceMs, log }: CloseOnSignalsOptions, close: () => Promise<void>): void {
  let interruptedAt: number | undefined
  const closer = closeWithGrace({
    delay: graceMs,
    skip: ['SIGINT'],
    logger: {
      error: (message: unknown) => {
        if (message instanceof Error) log.error({ err: message }, 'shutting down failed')
        else log.error(String(message))
      }
    }
  }, async ({ signal, err }) => {
    if (err) log.error({ err }, 'shutting down after an error')
    else log.info({ signal: signal ?? (interruptedAt !== undefined ? 'SIGINT' : undefined) }, 'shutting down')
    await close()
  })
  process.on('SIGINT', () => {
    if (interruptedAt === undefined) {
      interruptedAt = Date.now()
      void closer.close()
    } else if (Date.now() - interruptedAt > RELAYED_SIGNAL_MS) {
      log.error('second SIGINT, exiting at once')
      process.exit(130)
    }
  })
}
