import { ConfigError, listOf } from '@driver/kit'
import type { GatewayOptions } from './app.js'
import type { GatewayConfig } from './config.js'
import { UPSTREAMS, type Upstream } from './route-table.js'

const URL_VARIABLES: Record<Upstream, 'IDENTITY_URL' | 'RESUMES_URL' | 'MEDIA_URL' | 'SMS_URL'> = {
  identity: 'IDENTITY_URL',
  resumes: 'RESUMES_URL',
  media: 'MEDIA_URL',
  sms: 'SMS_URL'
}

/**
 * Turns validated configuration into gateway options. The all-in-one launcher
 * passes the upstreams and key it created; a stand-alone gateway must be given them.
 */
export function gatewayOptions (
  config: GatewayConfig,
  given: Partial<Pick<GatewayOptions, 'upstreams' | 'sessionPublicKey' | 'assertionSecret'>> = {}
): GatewayOptions {
  const missing: string[] = []
  const upstreams = given.upstreams ?? Object.fromEntries(UPSTREAMS.map((name) => {
    const url = config[URL_VARIABLES[name]]
    if (!url) missing.push(URL_VARIABLES[name])
    return [name, url ?? '']
  })) as Record<Upstream, string>
  const sessionPublicKey = given.sessionPublicKey ?? config.SESSION_PUBLIC_KEY
  if (!sessionPublicKey) missing.push('SESSION_PUBLIC_KEY')
  const assertionSecret = given.assertionSecret ?? config.GATEWAY_ASSERTION_SECRET
  if (!assertionSecret) missing.push('GATEWAY_ASSERTION_SECRET')
  if (missing.length > 0) throw new ConfigError(missing, missing.map((name) => `${name} is required`))
  if (config.REQUEST_HEADERS_TIMEOUT_MS > config.REQUEST_BODY_TIMEOUT_MS) {
    throw new ConfigError(['REQUEST_HEADERS_TIMEOUT_MS'], [
      'REQUEST_HEADERS_TIMEOUT_MS must not be longer than REQUEST_BODY_TIMEOUT_MS (both count from the first byte)'
    ])
  }

  return {
    upstreams,
    sessionPublicKey: sessionPublicKey ?? '',
    assertionSecret: assertionSecret ?? '',
    trustProxy: listOf(config.TRUST_PROXY),
    mefpAllowedIps: listOf(config.MEFP_ALLOWED_IPS),
    wechatPushAllowedIps: listOf(config.WECHAT_PUSH_ALLOWED_IPS),
    siteHosts: listOf(config.SITE_HOSTS),
    rateLimit: { max: config.RATE_LIMIT_MAX, windowMs: config.RATE_LIMIT_WINDOW_MS },
    bodyLimit: config.BODY_LIMIT,
    uploadBodyLimit: config.UPLOAD_BODY_LIMIT,
    upstreamTimeoutMs: config.UPSTREAM_TIMEOUT_MS,
    resolveIntervalMs: config.UPSTREAM_RESOLVE_INTERVAL_MS,
    deadlines: { headersTimeoutMs: config.REQUEST_HEADERS_TIMEOUT_MS, bodyTimeoutMs: config.REQUEST_BODY_TIMEOUT_MS },
    devRoutes: config.NODE_ENV !== 'production',
    docs: config.DOCS === 'on',
    qrCodeOrigin: new URL(config.WECHAT_MP_URL ?? 'https://mp.weixin.qq.com').origin,
    logLevel: config.LOG_LEVEL,
    ...(config.METRICS_PORT === undefined ? {} : { metrics: { host: config.HOST, port: config.METRICS_PORT } })
  }
}
