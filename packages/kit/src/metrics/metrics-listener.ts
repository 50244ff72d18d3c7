import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import fp from 'fastify-plugin'
import type { Registry } from 'prom-client'
import { processMetrics } from './process-metrics.js'
import { renderMetrics } from './render-metrics.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The metrics listener's port once the app is ready (METRICS_PORT, or the one the OS chose for 0). */
    metricsPort: () => number | undefined
  }
}

export interface MetricsListenerOptions {
  service: string
  host: string
  port: number
  /** More registries served with the app's: the services of the all-in-one process. */
  alsoServe?: () => readonly Registry[]
}

/**
 * `GET /metrics` on a port of its own, for an app whose own port is public (the
 * gateway): what Prometheus reads never shares a listener with the internet.
 * It listens when the app is ready and closes with it.
 */
export const metricsListener = fp<MetricsListenerOptions>(async (app, options) => {
  const own = processMetrics(options.service)
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0]
    if (request.method !== 'GET' || path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found\n')
      return
    }
    renderMetrics([app.metrics, ...(options.alsoServe?.() ?? []), own]).then(({ contentType, text }) => {
      response.writeHead(200, { 'content-type': contentType }).end(text)
    }, (error: unknown) => {
      app.log.error({ err: error }, 'metrics could not be rendered')
      response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be rendered\n')
    })
  })
  app.decorate('metricsPort', () => (server.address() as AddressInfo | null)?.port)
  app.addHook('onReady', async () => {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port, options.host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  })
  app.addHook('onClose', async () => {
    if (!server.listening) return
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })
}, { name: 'metrics-listener', dependencies: ['http-metrics'] })
