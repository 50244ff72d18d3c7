import { AddressListVariable, CommonConfigSchema, DEFAULT_DEADLINES, listOf, loadConfig } from '@driver/kit'
import { Type, type Static } from 'typebox'

/** A service's URL, or several comma-separated (its replicas). */
function UpstreamUrlsVariable () {
  return Type.Optional(Type.Refine(Type.String({ pattern: '^https?://' }), (value) => listOf(value)
    .every((url) => /^https?:\/\//.test(url) && URL.canParse(url)),
  () => 'must list http(s):// URLs, comma-separated'))
}

/** A host name or IP address as a URL's host has it, without scheme or port (`driver.example.com`, `[::1]`). */
const HOST_NAME = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/i

/** A list of host names, checked when the configuration is loaded. */
function HostListVariable () {
  return Type.Refine(Type.String({ default: '' }), (value) => listOf(value)
    .every((host) => HOST_NAME.test(host) && URL.canParse(`http://${host}`)),
    () => 'must list host names, without scheme or port')
}

export const GatewayConfigSchema = Type.Object({
  ...CommonConfigSchema.properties,
  TRUST_PROXY: AddressListVariable(),
  MEFP_ALLOWED_IPS: AddressListVariable(),
  WECHAT_PUSH_ALLOWED_IPS: AddressListVariable(),
  SITE_HOSTS: HostListVariable(),
  SESSION_PUBLIC_KEY: Type.Optional(Type.String({ minLength: 1 })),
  IDENTITY_URL: UpstreamUrlsVariable(),
  RESUMES_URL: UpstreamUrlsVariable(),
  MEDIA_URL: UpstreamUrlsVariable(),
  SMS_URL: UpstreamUrlsVariable(),
  RATE_LIMIT_MAX: Type.Integer({ minimum: 1, default: 300 }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({ minimum: 1000, default: 60_000 }),
  BODY_LIMIT: Type.Integer({ minimum: 1024, default: 1024 * 1024 }),
  UPLOAD_BODY_LIMIT: Type.Integer({ minimum: 1024, default: 12 * 1024 * 1024 }),
  UPSTREAM_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 30_000 }),
  UPSTREAM_RESOLVE_INTERVAL_MS: Type.Integer({ minimum: 100, default: 5_000 }),
  REQUEST_HEADERS_TIMEOUT_MS: Type.Integer({ minimum: 100, default: DEFAULT_DEADLINES.headersTimeoutMs }),
  REQUEST_BODY_TIMEOUT_MS: Type.Integer({ minimum: 100, default: DEFAULT_DEADLINES.bodyTimeoutMs }),
  DOCS: Type.Union([Type.Literal('on'), Type.Literal('off')], { default: 'on' }),
  /** Prometheus metrics on their own listener (HOST:METRICS_PORT); unset, none are collected. */
  METRICS_PORT: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
  /**
   * Where WeChat shows QR codes (`/cgi-bin/showqrcode`), which the H5 site's pages load:
   * `https://mp.weixin.qq.com` when unset; the simulator in the all-in-one mode.
   */
  WECHAT_MP_URL: Type.Optional(Type.String({ pattern: '^https?://[^/?#]+' }))
})
export type GatewayConfig = Static<typeof GatewayConfigSchema>

export function loadGatewayConfig (env: Record<string, string | undefined>): GatewayConfig {
  return loadConfig(GatewayConfigSchema, env)
}
