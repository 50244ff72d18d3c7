import fp from 'fastify-plugin'
import fastifyHttpProxy, { type FastifyHttpProxyOptions } from '@fastify/http-proxy'
import { Pool } from 'undici'
import type { FastifyInstance } from 'fastify'
import { wxEnvelope } from '@driver/kit'
import { replyHooks } from '../reply-hooks.js'
import { ROUTE_TABLE, type ProxyRoute, type RouteConfig, type Upstream } from '../route-table.js'

export interface ProxyRoutesOptions {
  /** Signs what the gateway asserts to the services (GATEWAY_ASSERTION_SECRET). */
  assertionSecret: string
  upstreams: Record<Upstream, string>
  upstreamTimeoutMs: number
  devRoutes: boolean
}

/** Upstreams that refuse or drop connections must answer fast: the 503 comes within a second. */
const CONNECT_TIMEOUT_MS = 1_000

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
 * body-limit and same-site hooks), a fixed upstream, and the service's undici pool.
 */
export const proxyRoutes = fp<ProxyRoutesOptions>(async (app, options) => {
  const routes = ROUTE_TABLE.filter((route) => !route.devOnly || options.devRoutes)
  const scopeOf = (route: ProxyRoute): string => WX_SCOPES.find((scope) => route.prefix.startsWith(`${scope}/`)) ?? ''
  const replyOptions = replyHooks(options.assertionSecret)

  // One pool per service, shared by all of its prefixes.
  const pools = new Map<Upstream, Pool>()
  const poolOf = (upstream: Upstream): Pool => {
    let pool = pools.get(upstream)
    if (!pool) {
      pool = new Pool(options.upstreams[upstream], {
        connections: 128,
        connectTimeout: CONNECT_TIMEOUT_MS,
        headersTimeout: options.upstreamTimeoutMs,
        bodyTimeout: options.upstreamTimeoutMs
      })
      pools.set(upstream, pool)
    }
    return pool
  }
  app.addHook('onClose', async () => {
    await Promise.all([...pools.values()].map((pool) => pool.destroy()))
  })

  const proxy = async (scope: FastifyInstance, route: ProxyRoute, scopePrefix: string): Promise<void> => {
    const { session, mefpOnly, wechatPushOnly, upload, writes, upstream } = route
    // The upstream is named in the route's request lines (the kit's request-log.ts).
    const config: RouteConfig & { upstream: Upstream } = { session, mefpOnly, wechatPushOnly, upload, writes, upstream }
    await scope.register(fastifyHttpProxy, {
      prefix: route.prefix.slice(scopePrefix.length),
      upstream: options.upstreams[route.upstream],
      rewritePrefix: route.prefix,
      config,
      undici: poolOf(route.upstream),
      // Bodies are read whole before the route runs (plugins/request-bodies.ts), not passed on as a stream.
      proxyPayloads: false,
      disableRequestLogging: true,
      // The service's Location goes to the client as it is.
      internalRewriteLocationHeader: false,
      handler: sendAsItCame,
      replyOptions
    })
  }

  for (const route of routes.filter((candidate) => scopeOf(candidate) === '')) await proxy(app, route, '')
  for (const prefix of WX_SCOPES) {
    await app.register(async (scope) => {
      await scope.register(wxEnvelope)
      for (const route of routes.filter((candidate) => scopeOf(candidate) === prefix)) await proxy(scope, route, prefix)
    }, { prefix })
  }
}, { name: 'proxy-routes', dependencies: ['session-guard', 'request-bodies'] })
