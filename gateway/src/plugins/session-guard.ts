import fp from 'fastify-plugin'
import type { onRequestHookHandler } from 'fastify'
import { isHexId } from '@driver/contracts'
import { UnauthorizedError } from '@driver/kit'
import { sessionTokens, type SessionClaims } from '@driver/kit/session'
import { checkFirst } from '../route-hooks.js'

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

  const guard: onRequestHookHandler = (request, _reply, done) => {
    // The same credential bytes verified before: their subject, until the token's exp.
    const known = app.sessionCache.subjectOf(request.headers)
    if (known !== undefined) {
      request.wxUserId = known
      request.callerId = known
      done()
      return
    }
    request.jwtVerify<SessionClaims & { exp: number }>().then((claims) => {
      if (!isHexId(claims.sub)) {
        done(new UnauthorizedError())
        return
      }
      app.sessionCache.remember(request.headers, claims.sub, claims.exp)
      request.wxUserId = claims.sub
      request.callerId = claims.sub
      done()
    }, () => done(new UnauthorizedError()))
  }
  app.addHook('onRoute', (route) => {
    if (route.config?.session) checkFirst(route, guard)
  })
}, { name: 'session-guard', dependencies: ['normal-paths', 'session-cache'] })
