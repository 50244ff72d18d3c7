export type Upstream = 'identity' | 'resumes' | 'media' | 'sms'
export const UPSTREAMS: readonly Upstream[] = ['identity', 'resumes', 'media', 'sms']

/** What a route of the table asks of the gateway's hooks, read from `request.routeOptions.config`. */
export interface RouteConfig {
  /** The route needs a WeChat session; the user's id is passed on in a header. */
  session?: boolean
  /** Only callers in MEFP_ALLOWED_IPS may reach it. */
  mefpOnly?: boolean
  /** Only callers in WECHAT_PUSH_ALLOWED_IPS may reach it, when that list is set. */
  wechatPushOnly?: boolean
  /** Photo uploads carry more than the default body limit (UPLOAD_BODY_LIMIT). */
  upload?: boolean
  /**
   * The route changes something or sends something, so a request another site
   * made the browser send (a link, a form) is refused: plugins/same-site-writes.ts.
   */
  writes?: boolean
}

export interface ProxyRoute extends RouteConfig {
  prefix: string
  upstream: Upstream
  session: boolean
  /** Development helpers, absent when NODE_ENV=production. */
  devOnly?: boolean
}

/**
 * Which service answers which path (DESIGN §2). A prefix matches itself and
 * everything below it; the longest prefix wins. Every `/wx` prefix `writes`,
 * and the reads below it (and WeChat's login redirects) are prefixes of their
 * own that do not, so a route added later is closed to other sites until it
 * is listed here as a read. WeChat's server push (`/wx/portal`) does not write:
 * WeChat's servers send no browser's headers, and the service checks its
 * signature; it needs no session, and its XML body goes through as it came.
 */
export const ROUTE_TABLE: readonly ProxyRoute[] = [
  { prefix: '/users/token', upstream: 'identity', session: false, mefpOnly: true },
  { prefix: '/users', upstream: 'identity', session: false },
  { prefix: '/wx/sms', upstream: 'sms', session: true, writes: true },
  { prefix: '/dev/sms', upstream: 'sms', session: false, devOnly: true },
  { prefix: '/wx/auto_download', upstream: 'media', session: true, writes: true },
  { prefix: '/wx/resume_image', upstream: 'media', session: true, upload: true, writes: true },
  { prefix: '/wx/images', upstream: 'media', session: true },
  { prefix: '/wx/jssdk', upstream: 'media', session: true },
  { prefix: '/wx/resume', upstream: 'resumes', session: true, writes: true },
  { prefix: '/wx/resume/view', upstream: 'resumes', session: true },
  { prefix: '/wx/self_info', upstream: 'resumes', session: true, writes: true },
  { prefix: '/wx/self_info/view', upstream: 'resumes', session: true },
  { prefix: '/wx/sales', upstream: 'resumes', session: true, writes: true },
  { prefix: '/wx/sales/drivers', upstream: 'resumes', session: true },
  { prefix: '/wx/auth', upstream: 'resumes', session: false, writes: true },
  { prefix: '/wx/auth/login', upstream: 'resumes', session: false },
  { prefix: '/wx/auth/callback', upstream: 'resumes', session: false },
  { prefix: '/wx/portal', upstream: 'resumes', session: false, wechatPushOnly: true }
]

declare module 'fastify' {
  // Every proxied route carries its entry of the table; the hooks read it from `request.routeOptions.config`.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the merge adds RouteConfig's fields
  interface FastifyContextConfig extends RouteConfig {}
}
