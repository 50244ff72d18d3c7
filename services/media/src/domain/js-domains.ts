/** WECHAT_JS_DOMAINS, read once at start: lower-case host names, comma- or space-separated. */
export function parseJsDomains (text: string): ReadonlySet<string> {
  const hosts = text.split(/[\s,]+/).map((host) => host.trim().toLowerCase().replace(/\.$/, ''))
  return new Set(hosts.filter((host) => host !== ''))
}

export type PageVerdict = 'allowed' | 'invalid' | 'not-allowed'

/**
 * Whether a page may have its JS-SDK configuration signed: an http(s) url whose
 * host is one of the listed domains exactly. A subdomain is not covered unless it
 * is listed too, as in WeChat's own JS interface safe-domain setting, which also
 * names whole hosts; a port does not matter (WeChat's setting has none).
 */
export function judgePageUrl (url: string, domains: ReadonlySet<string>): PageVerdict {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'invalid'
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'invalid'
  return domains.has(parsed.hostname.replace(/\.$/, '')) ? 'allowed' : 'not-allowed'
}
