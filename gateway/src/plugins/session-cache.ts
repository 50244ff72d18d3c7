import type { IncomingHttpHeaders } from 'node:http'
import fp from 'fastify-plugin'

declare module 'fastify' {
  interface FastifyInstance {
    /** Sessions verified before, for the session check to consult first. */
    sessionCache: SessionCache
  }
}

/** Longer credentials are verified every time rather than kept. */
const MAX_KEY_LENGTH = 4096

interface Verified { subject: string, expiresAt: number }

/**
 * Sessions already verified, by the exact headers a session is read from
 * (`Authorization` and `Cookie`): a request that carries the same bytes
 * carries the same token, so its subject is known until the token's `exp`
 * without decoding, hashing and checking the token again. Keyed by the headers
 * rather than the token, it cannot disagree with the way the token is read.
 * Bounded; the oldest entry makes room.
 */
export class SessionCache {
  private readonly entries = new Map<string, Verified>()

  constructor (private readonly capacity = 10_000) {}

  /** The subject verified for these credentials, if it has not expired at `nowSeconds`. */
  subjectOf (headers: IncomingHttpHeaders, nowSeconds = Date.now() / 1000): string | undefined {
    const key = credentialsOf(headers)
    const entry = key === undefined ? undefined : this.entries.get(key)
    if (entry === undefined) return undefined
    if (entry.expiresAt > nowSeconds) return entry.subject
    this.entries.delete(key as string)
    return undefined
  }

  /** Keeps what a full check of these credentials found: its `sub` and `exp` (seconds). */
  remember (headers: IncomingHttpHeaders, subject: string, expiresAt: number): void {
    const key = credentialsOf(headers)
    if (key === undefined) return
    if (this.entries.size >= this.capacity && !this.entries.has(key)) {
      const oldest = this.entries.keys().next()
      if (!oldest.done) this.entries.delete(oldest.value)
    }
    this.entries.set(key, { subject, expiresAt })
  }
}

/**
 * The key of a request's credentials. A cookie alone is its own key, as Node
 * gave it (no new string to build and hash at each request, the usual case in
 * WeChat); with a bearer token the key joins both with a newline, which no
 * header value holds, so it never equals a cookie's.
 */
function credentialsOf ({ authorization, cookie }: IncomingHttpHeaders): string | undefined {
  const key = authorization === undefined ? cookie : `${authorization}\n${cookie ?? ''}`
  return key === undefined || key.length > MAX_KEY_LENGTH ? undefined : key
}

/**
 * `app.sessionCache` for the session check: look up the request's
 * credentials first; verify only on a miss, then remember what was verified.
 */
export const sessionCache = fp(async (app) => {
  app.decorate('sessionCache', new SessionCache())
}, { name: 'session-cache' })
