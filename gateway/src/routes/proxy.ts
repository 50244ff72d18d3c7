import fp from 'fastify-plugin'
import fastifyHttpProxy, { type FastifyHttpProxyOptions } from '@fastify/http-proxy'
import type { FastifyInstance } from 'fastify'
import { Counter, wxEnvelope } from '@driver/kit'
import { firstUrlOf } from '../plugins/upstream-replicas.js'
import { replyHooks, type UpstreamFailed } from '../reply-hooks.js'
import { ROUTE_TABLE, UPSTREAMS, type ProxyRoute, type RouteConfig, type Upstream } from '../route-table.js'

export interface ProxyRoutesOptions {
  /** Signs what the gateway asserts to the services (GATEWAY_ASSERTION_SECRET). */
  assertionSecret: string
  upstreams: Record<Upstream, string>
  devRoutes: boolean
}

/** Prefixes whose answers (the gateway's own refusals included) use the `/wx` envelope. */
const WX_SCOPES = ['/wx', '/dev']

type ProxyHandler = NonNullable<FastifyHttpProxyOptions['handler']>

/**
 * Sends the request as it came: its path as written (http-proxy's `dest` respells
 * the prefix the router matched; the signed URL is the client's), and the body
 * read whole (plugins/request-bodies.ts) as the bytes it was. reply-from would
 * send a Buffer under `application/json` as JSON of the Buffer.
 */
const sendAsItCame: ProxyHandler = (request, reply, _dest, hooks) => reply.from(undefined, Buffer.isBuffer(request.body)
  ? { ...hooks, body: request.body, contentType: request.headers['content-type'] ?? 'application/octet-stream' }
  : hooks)

/**
 * Every prefix of the route table is an @fastify/http-proxy registration with
 * its entry of the table as route config (for the session, allow-list,
 * body-limit and same-site hooks), the service's first URL as its `Host`, and the
 * pool over the service's replicas.
 */
export const proxyRoutes = fp<ProxyRoutesOptions>(async (app, options) => {
  const routes = ROUTE_TABLE.filter((route) => !route.devOnly || options.devRoutes)
  const scopeOf = (route: ProxyRoute): string => WX_SCOPES.find((scope) => route.prefix.startsWith(`${scope}/`)) ?? ''
  const upstreamErrors = new Counter({
    name: 'gateway_upstream_errors_total',
    help: 'Proxied requests a service failed: kind=error (unreachable, reset, broken answer; 503), timeout (504)',
    labelNames: ['upstream', 'kind'],
    registers: [app.metrics]
  })
  const countedFailures = (upstream: Upstream): UpstreamFailed => {
    const counters = {
      error: upstreamErrors.labels(upstream, 'error'), timeout: upstreamErrors.labels(upstream, 'timeout')
    }
    return (kind) => { counters[kind].inc() }
  }
  const hooksOf = new Map(UPSTREAMS.map((upstream) => [
    upstream, replyHooks(options.assertionSecret, countedFailures(upstream))
  ]))

  const proxy = async (scope: FastifyInstance, route: ProxyRoute, scopePrefix: string): Promise<void> => {
    const { session, mefpOnly, wechatPushOnly, upload, writes, upstream } = route
    // The upstream is named in the route's request lines (the kit's request-log.ts).
    const config: RouteConfig & { upstream: Upstream } = { session, mefpOnly, wechatPushOnly, upload, writes, upstream }
    await scope.register(fastifyHttpProxy, {
      prefix: route.prefix.slice(scopePrefix.length),
      upstream: firstUrlOf(options.upstreams[route.upstream]),
      rewritePrefix: route.prefix,
      config,
      // The service's replicas (plugins/upstream-replicas.ts), shared by all of its prefixes.
      undici: app.replicas[route.upstream].pool,
      // Bodies are read whole before the route runs (plugins/request-bodies.ts), not passed on as a stream.
      proxyPayloads: false,
      disableRequestLogging: true,
      // The service's Location goes to the client as it is.
      internalRewriteLocationHeader: false,
      handler: sendAsItCame,
      replyOptions: hooksOf.get(route.upstream)
    })
  }

  for (const route of routes.filter((candidate) => scopeOf(candidate) === '')) await proxy(app, route, '')
  for (const prefix of WX_SCOPES) {
    await app.register(async (scope) => {
      await scope.register(wxEnvelope)
      for (const route of routes.filter((candidate) => scopeOf(candidate) === prefix)) await proxy(scope, route, prefix)
    }, { prefix })
  }
}, { name: 'proxy-routes', dependencies: ['session-guard', 'request-bodies', 'http-metrics', 'upstream-replicas'] })
