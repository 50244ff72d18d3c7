import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest, onResponseHookHandler, RouteOptions } from 'fastify'
import { Histogram, Registry } from 'prom-client'

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's registry: its metrics carry `service`; counters of its own plugins go here too. */
    metrics: Registry
  }
}

export interface HttpMetricsOptions {
  service: string
  /** Time every request; off, the registry exists (for the app's own counters) but requests cost nothing. */
  collect: boolean
}

/** Seconds: a health check takes a fraction of a millisecond, an upload may take many seconds. */
const BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

/** The label of requests no route matched, whatever their path. */
export const UNMATCHED_ROUTE = 'unmatched'

type Observe = (seconds: number) => void
const OBSERVES_REQUESTS = Symbol('observes requests')

/**
 * One observation per request in `http_request_duration_seconds` (its `_count`
 * is the request count), by method, route template and status. Each route gets
 * an `onResponse` hook of its own that knows its template, and keeps the
 * labelled series it has seen, so a request costs a few map lookups and one
 * observe: no label object, no route lookup.
 */
export const httpMetrics = fp<HttpMetricsOptions>(async (app, { service, collect }) => {
  const registry = new Registry()
  registry.setDefaultLabels({ service })
  app.decorate('metrics', registry)
  if (!collect) return

  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status: their duration, and their count (_count)',
    labelNames: ['method', 'route', 'status_code'],
    buckets: BUCKETS,
    registers: [registry]
  })

  const observerOf = (route: string): onResponseHookHandler => {
    const byMethod = new Map<string, Map<number, Observe>>()
    const hook = (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
      let byStatus = byMethod.get(request.method)
      if (byStatus === undefined) {
        byStatus = new Map()
        byMethod.set(request.method, byStatus)
      }
      let observe = byStatus.get(reply.statusCode)
      if (observe === undefined) {
        const child = duration.labels(request.method, route, String(reply.statusCode))
        observe = (seconds) => { child.observe(seconds) }
        byStatus.set(reply.statusCode, observe)
      }
      observe(reply.elapsedTime / 1000)
      done()
    }
    return Object.assign(hook, { [OBSERVES_REQUESTS]: true })
  }

  app.addHook('onRoute', (route: RouteOptions) => {
    const hooks = route.onResponse === undefined ? [] : [route.onResponse].flat()
    // A HEAD route Fastify adds for a GET comes with the GET's hooks, this one included.
    if (hooks.some((hook) => OBSERVES_REQUESTS in hook)) return
    route.onResponse = [...hooks, observerOf(route.url)]
  })
  // Unmatched requests have no route of their own: one series per method and status, whatever the path.
  const unmatched = observerOf(UNMATCHED_ROUTE)
  app.addHook('onResponse', (request, reply, done) => {
    if (request.is404) unmatched.call(app, request, reply, done)
    else done()
  })
}, { name: 'http-metrics' })
