import fp from 'fastify-plugin'
import fastifyHttpProxy from '@fastify/http-proxy'
import { Pool } from 'undici'
import type { IncomingHttpHeaders } from 'node:http'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { WX_USER_HEADER, assertionHeaders, wxEnvelope } from '@driver/kit'
import { dropConnectionHeaders } from '../hop-by-hop.js'
import { ROUTE_TABLE, type ProxyRoute, type RouteConfig, type Upstream } from '../route-table.js'
import { upstreamFailure } from '../upstream-errors.js'

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

/**
 * The headers a service trusts are always set here, whatever the client sent:
 * the request id, the client IP as the gateway derived it, the session's user,
 * and the gateway's signature over them. reply-from hands over its own copy of
 * the client's headers.
 */
function forwardedHeaders (secret: string, request: Pick<FastifyRequest, 'id' | 'ip' | 'wxUserId' | 'method' | 'url'>, headers: IncomingHttpHeaders): IncomingHttpHeaders {
  dropConnectionHeaders(headers)
  delete headers[WX_USER_HEADER]
  return Object.assign(headers, assertionHeaders(secret, { method: request.method, url: request.url, requestId: request.id, clientIp: request.ip, wxUserId: request.wxUserId }))
}

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
    await scope.register(fastifyHttpProxy, {
      upstream: options.upstreams[route.upstream],
      prefix: route.prefix.slice(prefix.length),
      rewritePrefix: route.prefix,
      config,
      undici: poolOf(route.upstream),
      // Bodies arrive read whole (plugins/body-limit.ts) and go on as the bytes they were.
      proxyPayloads: false,
      handler: (request, reply, dest, replyOptions) => Buffer.isBuffer(request.body)
        ? reply.from(dest, { ...replyOptions, body: request.body, contentType: request.headers['content-type'] ?? 'application/octet-stream' })
        : reply.from(dest, replyOptions),
      disableRequestLogging: true,
      replyOptions: {
        rewriteRequestHeaders: (request, headers) => forwardedHeaders(options.assertionSecret, request, headers as IncomingHttpHeaders),
        rewriteHeaders: (headers) => dropConnectionHeaders(headers),
        onError: (reply, { error }) => {
          reply.send(upstreamFailure(error))
        }
      }
    })
  }

  for (const route of routes.filter((candidate) => scopeOf(candidate) === '')) await proxy(app, route, '')
  for (const prefix of WX_SCOPES) {
    await app.register(async (scope) => {
      await scope.register(wxEnvelope)
      for (const route of routes.filter((candidate) => scopeOf(candidate) === prefix)) await proxy(scope, route, prefix)
    }, { prefix })
  }
}, { name: 'proxy-routes', dependencies: ['session-guard', 'body-limit'] })
