import fp from 'fastify-plugin'
import type { Registry } from 'prom-client'
import { processMetrics } from './process-metrics.js'
import { renderMetrics } from './render-metrics.js'

export interface MetricsRouteOptions {
  /** Names the process's metrics when this app is the first of its process to serve them. */
  service: string
}

/**
 * `GET /metrics` on the app's own port: its registry and the process's, in
 * Prometheus's text format. For the services, whose ports are not public: the
 * gateway publishes only the paths of its route table, and this is not one.
 */
export const metricsRoute = fp<MetricsRouteOptions>(async (app, { service }) => {
  const registries: Registry[] = [app.metrics, processMetrics(service)]
  const unlisted = { logLevel: 'warn', schema: { hide: true }, config: { unasserted: true } } as const
  app.get('/metrics', unlisted, async (_request, reply) => {
    const { contentType, text } = await renderMetrics(registries)
    return reply.type(contentType).send(text)
  })
}, { name: 'metrics-route', dependencies: ['http-metrics'] })
