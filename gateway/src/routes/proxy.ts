import fp from 'fastify-plugin'
import fastifyHttpProxy from '@fastify/http-proxy'
import type { IncomingHttpHeaders } from 'node:http'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { CLIENT_IP_HEADER, REQUEST_ID_HEADER, WX_USER_HEADER, wxEnvelope } from '@driver/kit'
import { ROUTE_TABLE, type ProxyRoute, type RouteConfig, type Upstream } from '../route-table.js'
import { upstreamFailure } from '../upstream-errors.js'

export interface ProxyRoutesOptions {
  upstreams: Record<Upstream, string>
  uploadBodyLimit: number
  upstreamTimeoutMs: number
  devRoutes: boolean
}

/** Upstreams that refuse or drop connections must answer fast: the 503 comes within a second. */
const CONNECT_TIMEOUT_MS = 1_000

/**
 * The headers a service trusts are always set here, whatever the client sent:
 * the request id, the client IP as the gateway derived it, and the session's user.
 */
function forwardedHeaders (request: Pick<FastifyRequest, 'id' | 'ip' | 'wxUserId'>, headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const forwarded: IncomingHttpHeaders = { ...headers }
  delete forwarded[WX_USER_HEADER]
  forwarded[REQUEST_ID_HEADER] = request.id
  forwarded[CLIENT_IP_HEADER] = request.ip
  if (request.wxUserId) forwarded[WX_USER_HEADER] = request.wxUserId
  return forwarded
}

/** Prefixes whose answers (the gateway's own refusals included) use the `/wx` envelope. */
const WX_SCOPES = ['/wx', '/dev']

export const proxyRoutes = fp<ProxyRoutesOptions>(async (app, options) => {
  // Bodies pass through untouched: Fastify's built-in text parser would buffer them.
  app.removeContentTypeParser('text/plain')
  const routes = ROUTE_TABLE.filter((route) => !route.devOnly || options.devRoutes)
  const scopeOf = (route: ProxyRoute): string => WX_SCOPES.find((scope) => route.prefix.startsWith(`${scope}/`)) ?? ''

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
      undici: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        headersTimeout: options.upstreamTimeoutMs,
        bodyTimeout: options.upstreamTimeoutMs
      },
      replyOptions: {
        rewriteRequestHeaders: (request, headers) => forwardedHeaders(request, headers as IncomingHttpHeaders),
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
}, { name: 'proxy-routes', dependencies: ['session-guard'] })
