import fp from 'fastify-plugin'
import fastifyCookie, { type CookieSerializeOptions } from '@fastify/cookie'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { SESSION_COOKIE } from '@driver/kit'
import { SESSION_LIFETIME_SECONDS, generateSessionKeyPair, sessionTokens } from '@driver/kit/session'
import { LOGIN_STATE_COOKIE, LOGIN_STATE_TTL_SECONDS } from '../../domain/login-state.js'

export interface SessionCookiesOptions {
  /** SESSION_PRIVATE_KEY: sessions are signed here and nowhere else. Without it (development), a key per start. */
  privateKey?: string
  /** `Secure` cookies (production): sent back over HTTPS only. */
  secure: boolean
}

export interface SessionCookies {
  /** Signs a session for the WeChat user and sets it as the `wx_session` cookie. */
  start: (reply: FastifyReply, wxUserId: string) => void
  /** Clears the `wx_session` cookie (logout). */
  end: (reply: FastifyReply) => void
  /** Binds a login's state to this browser until WeChat sends it back. */
  holdLoginState: (reply: FastifyReply, state: string) => void
  /** The state this browser started a login with; the cookie is cleared either way, as a state serves once. */
  takeLoginState: (request: FastifyRequest, reply: FastifyReply) => string | undefined
}

declare module 'fastify' {
  interface FastifyInstance {
    sessionCookies: SessionCookies
  }
}

/** Only the callback reads the state; no other request carries it. */
const CALLBACK_PATH = '/wx/auth/callback'

/**
 * The cookies of a WeChat login: HttpOnly (no page script reads them),
 * SameSite=Lax (sent on WeChat's top-level redirect back, not on cross-site
 * posts), Secure in production. The session is a JWT signed with the kit's
 * `signSession`, carrying only the user id: the seed hides the openid from the
 * user's own profile, so it stays out of a token the browser can decode.
 */
export const sessionCookies = fp<SessionCookiesOptions>(async (app, { privateKey, secure }) => {
  // With its hook, so routes read `request.cookies`; the session plugin then uses this one.
  await app.register(fastifyCookie)
  if (!privateKey) {
    app.log.warn('SESSION_PRIVATE_KEY is not set: ' +
      'sessions are signed with a key made for this start, which no gateway knows')
  }
  await app.register(sessionTokens, { privateKey: privateKey ?? generateSessionKeyPair().privateKey })
  const base: CookieSerializeOptions = { httpOnly: true, sameSite: 'lax', secure }

  app.decorate('sessionCookies', {
    start (reply, wxUserId) {
      reply.setCookie(SESSION_COOKIE, app.signSession({ sub: wxUserId }), {
        ...base, path: '/', maxAge: SESSION_LIFETIME_SECONDS
      })
    },
    end (reply) {
      reply.clearCookie(SESSION_COOKIE, { ...base, path: '/' })
    },
    holdLoginState (reply, state) {
      reply.setCookie(LOGIN_STATE_COOKIE, state, { ...base, path: CALLBACK_PATH, maxAge: LOGIN_STATE_TTL_SECONDS })
    },
    takeLoginState (request, reply) {
      reply.clearCookie(LOGIN_STATE_COOKIE, { ...base, path: CALLBACK_PATH })
      return request.cookies[LOGIN_STATE_COOKIE]
    }
  } satisfies SessionCookies)
}, { name: 'session-cookies' })
