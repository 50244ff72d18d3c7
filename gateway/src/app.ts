import { createApp, type App, type RequestDeadlines } from '@driver/kit'
import { apiDocs } from './plugins/api-docs.js'
import { h5Site } from './plugins/h5-site.js'
import { ipAllowLists } from './plugins/ip-allow-lists.js'
import { normalPaths } from './plugins/normal-paths.js'
import { quietRequestLoggers } from './plugins/quiet-request-loggers.js'
import { rateLimit } from './plugins/rate-limit.js'
import { requestBodies } from './plugins/request-bodies.js'
import { sameSiteWrites } from './plugins/same-site-writes.js'
import { sessionCache } from './plugins/session-cache.js'
import { sessionGuard } from './plugins/session-guard.js'
import { upstreamReadiness } from './plugins/upstream-readiness.js'
import type { Upstream } from './route-table.js'
import { proxyRoutes } from './routes/proxy.js'

export interface GatewayOptions {
  upstreams: Record<Upstream, string>
  sessionPublicKey: string
  /** Shared with the services; the gateway signs the user, client IP and request id it forwards. */
  assertionSecret: string
  trustProxy: string[]
  mefpAllowedIps: string[]
  /** Who may push WeChat's messages to `/wx/portal` (WECHAT_PUSH_ALLOWED_IPS); anyone when empty or absent. */
  wechatPushAllowedIps?: string[]
  /** Host names of the site's pages besides the one a request is addressed to (SITE_HOSTS). */
  siteHosts: string[]
  rateLimit: { max: number, windowMs: number }
  bodyLimit: number
  uploadBodyLimit: number
  upstreamTimeoutMs: number
  /** How long a client may take to send a request's headers, and all of it; the kit's deadlines by default. */
  deadlines?: RequestDeadlines
  /** Development helpers such as the SMS outbox; off in production. */
  devRoutes: boolean
  /** `GET /openapi.json` and Swagger UI at `/docs`. */
  docs: boolean
  /** The origin of WeChat's QR code pictures (WECHAT_MP_URL's), which the H5 site's pages may load. */
  qrCodeOrigin?: string
  logLevel?: string
  /** Where log lines go; standard output unless given (tests read them from here). */
  logStream?: { write: (line: string) => void }
}

/** The single public entry: routing, sessions, client IPs, limits and readiness of every service. */
export async function buildGateway (options: GatewayOptions): Promise<App> {
  const { upstreams, upstreamTimeoutMs, devRoutes, assertionSecret } = options
  const app = createApp({
    service: 'gateway',
    logLevel: options.logLevel,
    trustProxy: options.trustProxy,
    bodyLimit: options.bodyLimit,
    deadlines: options.deadlines,
    logStream: options.logStream
  })
  await app.register(quietRequestLoggers, { level: options.logLevel ?? 'info' })
  await app.register(rateLimit, options.rateLimit)
  await app.register(normalPaths)
  await app.register(ipAllowLists, { mefp: options.mefpAllowedIps, wechatPush: options.wechatPushAllowedIps })
  await app.register(requestBodies, { uploadLimit: options.uploadBodyLimit })
  await app.register(sessionCache)
  await app.register(sessionGuard, { publicKey: options.sessionPublicKey })
  await app.register(sameSiteWrites, { siteHosts: options.siteHosts })
  await app.register(upstreamReadiness, { upstreams })
  if (options.docs) await app.register(apiDocs, { upstreams, devRoutes, assertionSecret })
  await app.register(h5Site, { qrCodeOrigin: options.qrCodeOrigin ?? 'https://mp.weixin.qq.com' })
  await app.register(proxyRoutes, { upstreams, upstreamTimeoutMs, devRoutes, assertionSecret })
  return app
}
