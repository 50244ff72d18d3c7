import fp from 'fastify-plugin'
import type { onRequestHookHandler } from 'fastify'
import { createError } from '@driver/kit'
import { isCrossSite } from '../cross-site.js'
import { checkFirst } from '../route-hooks.js'

export const CrossSiteError = createError('GATEWAY_CROSS_SITE', '请从本站页面提交', 403)

export interface SameSiteWritesOptions {
  /** Host names whose pages may use the writing routes besides the one a request is addressed to (SITE_HOSTS). */
  siteHosts: string[]
}

/**
 * The session cookie is `SameSite=Lax`, which browsers send on another site's
 * top-level GET navigations, and the `/wx` routes answer GET as well as POST:
 * a link elsewhere could change a driver's resume or send an SMS. Routes the
 * table marks `writes` therefore refuse (403) a request another site's page
 * made the browser send (`cross-site.ts`); the other routes are not touched.
 */
export const sameSiteWrites = fp<SameSiteWritesOptions>(async (app, { siteHosts }) => {
  // Spelt as a URL's `hostname` spells them (lower case, IPv6 shortened), as `Origin` and `Referer` are read.
  const configured: ReadonlySet<string> = new Set(siteHosts.map((host) => new URL(`http://${host}`).hostname))
  const sameSiteOnly: onRequestHookHandler = (request, _reply, done) => {
    if (!isCrossSite(request.headers, { addressed: request.hostname.toLowerCase(), configured })) {
      done()
      return
    }
    request.log.warn({ fetchSite: request.headers['sec-fetch-site'], origin: request.headers.origin },
      'refused a write sent from another site')
    done(new CrossSiteError())
  }
  app.addHook('onRoute', (route) => {
    if (route.config?.writes) checkFirst(route, sameSiteOnly)
  })
}, { name: 'same-site-writes', dependencies: ['normal-paths'] })
