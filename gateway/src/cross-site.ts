import type { IncomingHttpHeaders } from 'node:http'

/** The site's own hosts: the one a request was addressed to, and those configured (SITE_HOSTS). */
export interface OwnHosts {
  addressed: string
  configured: ReadonlySet<string>
}

/** The host name of an `Origin` or `Referer` value; none for `null` or anything that is not a URL. */
function hostOf (value: string): string | undefined {
  try {
    return new URL(value).hostname || undefined
  } catch {
    return undefined
  }
}

function isOwn (value: string, hosts: OwnHosts): boolean {
  const host = hostOf(value)
  return host !== undefined && (host === hosts.addressed || hosts.configured.has(host))
}

/**
 * True when a browser sent the request for a page of another site. Fetch
 * Metadata first: `cross-site` is another site whatever else is said,
 * `same-origin` and `none` (the user's own navigation) are this one. A
 * `same-site` request comes from another subdomain of the same registrable
 * domain, which is no more trusted than any other site unless its `Origin` or
 * `Referer` names one of the site's own hosts; without Fetch Metadata (older
 * WebViews) a present `Origin` or `Referer` must name one of them. A request
 * with none of the three is not a browser's cross-site one (curl, an app).
 * Hosts are compared without scheme or port, as browsers define a site.
 */
export function isCrossSite (headers: IncomingHttpHeaders, hosts: OwnHosts): boolean {
  const fetchSite = headers['sec-fetch-site']
  if (fetchSite === 'same-origin' || fetchSite === 'none') return false
  if (fetchSite === 'cross-site') return true
  const { origin, referer } = headers
  if (origin !== undefined && !isOwn(origin, hosts)) return true
  if (referer !== undefined && !isOwn(referer, hosts)) return true
  // `same-site` (or a value browsers do not send) that neither header vouches for.
  return fetchSite !== undefined && origin === undefined && referer === undefined
}
