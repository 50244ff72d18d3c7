/** Where a login returns to when the page names no place. */
export const DEFAULT_LOGIN_REDIRECT = '/'

const MAX_REDIRECT_LENGTH = 2048
/** Only to resolve against: a path that stays on this origin stays a path. */
const THIS_SITE = 'http://this-site.invalid'

/**
 * The path a login may send the browser back to, or null when `redirect` could
 * lead elsewhere. Only a path on our own site: it starts with one `/`, has no
 * scheme, no `//host`, no backslash (browsers read `/\evil.com` as `//evil.com`)
 * and no control character or space (URL parsers drop tabs and newlines, so
 * `/\t/evil.com` would become `//evil.com`). Dot segments are resolved first,
 * as the browser would, so `/..//evil.com` is refused too.
 */
export function loginRedirectPath (redirect: string | undefined): string | null {
  if (redirect === undefined || redirect === '') return DEFAULT_LOGIN_REDIRECT
  if (redirect.length > MAX_REDIRECT_LENGTH) return null
  if (!redirect.startsWith('/') || redirect.startsWith('//')) return null
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u0020\u007f]/.test(redirect)) return null
  let resolved: URL
  try {
    resolved = new URL(redirect, THIS_SITE)
  } catch {
    return null
  }
  if (resolved.origin !== THIS_SITE) return null
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`
  return path.startsWith('//') ? null : path
}
