import fp from 'fastify-plugin'
import fastifyCookie from '@fastify/cookie'
import fastifyJwt from '@fastify/jwt'
import { SESSION_ALGORITHM, SESSION_COOKIE, UnauthorizedError, isHexId, pemFromEnv, type SessionClaims } from '@driver/kit'
import type { RouteConfig } from '../route-table.js'

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
  await app.register(fastifyCookie)
  await app.register(fastifyJwt, {
    secret: { public: pemFromEnv(publicKey), private: '' },
    // ES256 verification costs ~90 µs; a verified token is cached (until its expiry) by its hash.
    verify: { algorithms: [SESSION_ALGORITHM], cache: true },
    cookie: { cookieName: SESSION_COOKIE, signed: false }
  })

  app.addHook('onRequest', async (request) => {
    if (!(request.routeOptions.config as RouteConfig).session) return
    let claims: SessionClaims
    try {
      claims = await request.jwtVerify<SessionClaims>()
    } catch {
      throw new UnauthorizedError()
    }
    if (typeof claims.sub !== 'string' || !isHexId(claims.sub)) throw new UnauthorizedError()
    request.wxUserId = claims.sub
  })
}, { name: 'session-guard' })
