import fp from 'fastify-plugin'
import { isHexId } from '@driver/contracts'
import { UnauthorizedError } from '@driver/kit'
import { sessionTokens, type SessionClaims } from '@driver/kit/session'

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified WeChat user, on routes that need a session. */
    wxUserId?: string
  }
}

export interface SessionGuardOptions {
  publicKey: string
}

/**
 * Verifies the session JWT (cookie or `Authorization: Bearer`) on every route
 * whose config asks for a session. The gateway only holds the public key.
 */
export const sessionGuard = fp<SessionGuardOptions>(async (app, { publicKey }) => {
  await app.register(sessionTokens, { publicKey })

  app.addHook('onRequest', async (request) => {
    if (!request.routeOptions.config.session) return
    // The same credential bytes verified before: their subject, until the token's exp.
    const known = app.sessionCache.subjectOf(request.headers)
    if (known !== undefined) {
      request.wxUserId = known
      return
    }
    let claims: SessionClaims & { exp: number }
    try {
      claims = await request.jwtVerify<SessionClaims & { exp: number }>()
    } catch {
      throw new UnauthorizedError()
    }
    if (!isHexId(claims.sub)) throw new UnauthorizedError()
    app.sessionCache.remember(request.headers, claims.sub, claims.exp)
    request.wxUserId = claims.sub
  })
}, { name: 'session-guard', dependencies: ['normal-paths', 'session-cache'] })
