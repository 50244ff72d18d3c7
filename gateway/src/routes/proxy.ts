import fp from 'fastify-plugin'
import { Pool, type Dispatcher } from 'undici'
import type { IncomingHttpHeaders } from 'node:http'
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify'
import { WX_USER_HEADER, assertionHeaders, wxEnvelope } from '@driver/kit'
import { CONNECTION_HEADERS, endToEndHeaders } from '../hop-by-hop.js'
import { ROUTE_TABLE, type ProxyRoute, type RouteConfig, type Upstream } from '../route-table.js'
import { relayToService } from '../upstream-relay.js'

export interface ProxyRoutesOptions {
  /** Signs what the gateway asserts to the services (GATEWAY_ASSERTION_SECRET). */
  assertionSecret: string
  upstreams: Record<Upstream, string>
  uploadBodyLimit: number
  upstreamTimeoutMs: number
  devRoutes: boolean
}

/** Upstreams that refuse or drop connections must answer fast: the 503 comes within a second. */
const CONNECT_TIMEOUT_MS = 1_000

/** Client headers a service never gets: the connection's own, and those undici or the gateway set. */
const NOT_FORWARDED: ReadonlySet<string> = new Set([...CONNECTION_HEADERS, 'host', 'content-length', WX_USER_HEADER])

/**
 * The client's headers as a service gets them: without the connection's own,
 * with the service's host and the length of the body as read (both set by
 * undici), and with the headers a service trusts always set here, whatever the
 * client sent: the request id, the client IP as the gateway derived it, the
 * session's user, and the gateway's signature over them.
 */
function forwardedHeaders (secret: string, request: Pick<FastifyRequest, 'id' | 'ip' | 'wxUserId' | 'method' | 'url' | 'headers'>): IncomingHttpHeaders {
  return Object.assign(endToEndHeaders(request.headers, NOT_FORWARDED), assertionHeaders(secret, { method: request.method, url: request.url, requestId: request.id, clientIp: request.ip, wxUserId: request.wxUserId }))
}

const PROXIED_METHODS: HTTPMethods[] = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT', 'OPTIONS']

/** Prefixes whose answers (the gateway's own refusals included) use the `/wx` envelope. */
const WX_SCOPES = ['/wx', '/dev']

export const proxyRoutes = fp<ProxyRoutesOptions>(async (app, options) => {
  const routes = ROUTE_TABLE.filter((route) => !route.devOnly || options.devRoutes)
  const scopeOf = (route: ProxyRoute): string => WX_SCOPES.find((scope) => route.prefix.startsWith(`${scope}/`)) ?? ''

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

  const proxy = async (scope: FastifyInstance, route: ProxyRoute, prefix: string): Promise<void> => {
    const config: RouteConfig = {
      upstream: route.upstream,
      session: route.session,
      mefpOnly: route.mefpOnly,
      bodyLimit: route.upload ? options.uploadBodyLimit : undefined
    }
    const pool = poolOf(route.upstream)
    const relay = (request: FastifyRequest, reply: FastifyReply): void => {
      relayToService(pool, request, reply, {
        method: request.method as Dispatcher.HttpMethod,
        // What was routed, checked (plugins/normal-paths.ts) and guarded is what the service gets.
        path: request.url,
        headers: forwardedHeaders(options.assertionSecret, request),
        body: Buffer.isBuffer(request.body) ? request.body : null
      })
    }
    // The prefix itself and everything below it.
    await scope.register(async (routesOfPrefix) => {
      for (const url of ['/', '/*']) routesOfPrefix.route({ url, method: PROXIED_METHODS, config, handler: relay })
    }, { prefix: route.prefix.slice(prefix.length) })
  }

  for (const route of routes.filter((candidate) => scopeOf(candidate) === '')) await proxy(app, route, '')
  for (const prefix of WX_SCOPES) {
    await app.register(async (scope) => {
      await scope.register(wxEnvelope)
      for (const route of routes.filter((candidate) => scopeOf(candidate) === prefix)) await proxy(scope, route, prefix)
    }, { prefix })
  }
}, { name: 'proxy-routes', dependencies: ['session-guard', 'body-limit'] })
