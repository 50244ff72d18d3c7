import closeWithGrace from 'close-with-grace'
import type { FastifyInstance } from 'fastify'

export interface ServeOptions {
  host: string
  port: number
  /** How long in-flight requests may take to finish after SIGTERM/SIGINT. */
  graceMs: number
}

/**
 * Listens, then on SIGTERM/SIGINT (or a crash) stops accepting, lets in-flight
 * requests finish within the grace period and closes every dependency through
 * the apps' onClose hooks.
 */
export async function serve (app: FastifyInstance, options: ServeOptions): Promise<string> {
  closeWithGrace({ delay: options.graceMs }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error')
    else app.log.info({ signal }, 'shutting down')
    await app.close()
  })
  return app.listen({ host: options.host, port: options.port })
}
