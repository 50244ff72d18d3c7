import Fastify, { type FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import fastifyCookie from '@fastify/cookie'
import fastifyJwt from '@fastify/jwt'
import { UnauthorizedError } from '../errors.js'
import { SESSION_COOKIE } from '../headers.js'
import { SESSION_ALGORITHM, pemFromEnv, publicKeyOf } from './session-keys.js'
import { hasCanonicalSignature, withLowS } from './signature-form.js'

export interface SessionClaims {
  /** The WeChat user's id (24-hex). */
  sub: string
  openid?: string
}

export type SessionTokensOptions =
  /** The gateway: verifies only; sessions longer than `expiresInSeconds` are refused. */
  | { publicKey: string, privateKey?: undefined, expiresInSeconds?: number }
  /** The resumes service: signs (and can verify with the derived public key). */
  | { privateKey: string, publicKey?: undefined, expiresInSeconds?: number }

/** How long a session lasts unless the options say otherwise. */
export const SESSION_LIFETIME_SECONDS = 7 * 24 * 3600

/** How far the signer's clock and a verifier's may disagree. */
export const SESSION_CLOCK_TOLERANCE_SECONDS = 30

declare module 'fastify' {
  interface FastifyInstance {
    /** Mints a session: `iat`, `exp` one lifetime later, a low-S signature. Only where the private key is. */
    signSession: (claims: SessionClaims) => string
  }
}

/**
 * The token from `Authorization: Bearer` or the `wx_session` cookie, if it is spelled the one accepted way.
 * The Cookie header is parsed here, when a token is verified, rather than on every request by a hook.
 */
function sessionToken (request: FastifyRequest): string {
  const { authorization, cookie } = request.headers
  const token = authorization !== undefined && /^Bearer\s/i.test(authorization)
    ? authorization.slice(7)
    : cookie === undefined ? undefined : request.server.parseCookie(cookie)[SESSION_COOKIE]
  if (!token || !hasCanonicalSignature(token)) throw new UnauthorizedError()
  return token
}

/**
 * fast-jwt checks `exp` and the age of `iat`; an `iat` in the future and an
 * `exp` beyond one lifetime from now are refused here.
 */
function withinLifetime (
  claims: { iat?: unknown, exp?: unknown }, lifetimeSeconds: number, nowSeconds: number
): boolean {
  const { iat, exp } = claims
  return typeof iat === 'number' && typeof exp === 'number' &&
    iat <= nowSeconds + SESSION_CLOCK_TOLERANCE_SECONDS &&
    exp <= nowSeconds + lifetimeSeconds + SESSION_CLOCK_TOLERANCE_SECONDS
}

/**
 * WeChat sessions through @fastify/jwt, the one JWT library of the platform:
 * ES256 only, read from `Authorization: Bearer` or the `wx_session` cookie,
 * `sub`, `iat` and `exp` required, no session longer than its lifetime and none
 * issued in the future, one spelling per signature (canonical, low-S); verified
 * tokens cached until they expire. Sign with `app.signSession`: @fastify/jwt's
 * own `sign` leaves about half the signatures high-S, which verifiers refuse.
 */
export const sessionTokens = fp<SessionTokensOptions>(async (app, options) => {
  // Without its hooks: no parsing of every cookie of every request.
  // A service that sets cookies registers it first, with them.
  if (!app.hasDecorator('parseCookie')) await app.register(fastifyCookie, { hook: false })
  const privateKey = options.privateKey === undefined ? undefined : pemFromEnv(options.privateKey)
  const lifetimeSeconds = options.expiresInSeconds ?? SESSION_LIFETIME_SECONDS
  await app.register(fastifyJwt, {
    secret: {
      public: privateKey ? publicKeyOf(privateKey) : pemFromEnv(options.publicKey ?? ''),
      private: privateKey ?? ''
    },
    sign: { algorithm: SESSION_ALGORITHM, expiresIn: lifetimeSeconds },
    verify: {
      algorithms: [SESSION_ALGORITHM],
      cache: true,
      requiredClaims: ['sub', 'iat', 'exp'],
      maxAge: lifetimeSeconds + SESSION_CLOCK_TOLERANCE_SECONDS,
      clockTolerance: SESSION_CLOCK_TOLERANCE_SECONDS * 1000,
      extractToken: sessionToken
    },
    trusted: (_request, claims) => withinLifetime(claims, lifetimeSeconds, Date.now() / 1000)
  })
  app.decorate('signSession', (claims: SessionClaims) => {
    if (!privateKey) throw new Error('sessions are signed only where SESSION_PRIVATE_KEY is')
    return withLowS(app.jwt.sign({ ...claims }))
  })
}, { name: 'session-tokens' })

export type SessionSigner = (claims: SessionClaims) => string

/** Mints sessions outside a running service (tests, scripts), with the same plugin the services use. */
export async function createSessionSigner (privateKey: string, expiresInSeconds?: number): Promise<SessionSigner> {
  const app = Fastify()
  await app.register(sessionTokens, { privateKey, expiresInSeconds })
  await app.ready()
  return (claims) => app.signSession(claims)
}
