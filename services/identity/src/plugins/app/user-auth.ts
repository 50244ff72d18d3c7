import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import { ENABLED, type User } from '../../domain/user.js'
import { endedByUser, type UserTokenClaims } from '../../domain/user-token.js'
import { UserDisabledError, UserUnauthorizedError } from '../../errors.js'

export interface UserAuthOptions {
  /** Tests move time instead of waiting a day for a token to expire. */
  clock?: () => Date
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * A `preValidation` hook: the caller of a `/users` route, from its token,
     * as `request.caller`. Runs before validation, so a caller without a valid
     * token learns nothing about what the route accepts.
     */
    requireUser: (request: FastifyRequest) => Promise<void>
  }
  interface FastifyRequest {
    /** Set by `requireUser`: the user read from the store for this request. */
    caller: User | null
    /** Set by `requireUser`: what the caller's token says (its nonce ends it at logout). */
    callerToken: UserTokenClaims | null
  }
}

const BEARER = /^Bearer +(\S+)$/i

const text = (value: unknown): string | undefined => typeof value === 'string' && value !== '' ? value : undefined

/**
 * A token in a query string as clients send it: Base64 has `+` where a query string means a space
 * unless it is percent-encoded, and a token never holds a space, so a space is read as `+`.
 */
const queryToken = (value: unknown): string | undefined => text(value)?.replaceAll(' ', '+')

/** `Authorization: Bearer <t>`, then a `token` header, then `token` in the query string, then in the body. */
export function tokenOf (request: FastifyRequest): string | undefined {
  const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1]
  const body = request.body
  return bearer ??
    text(request.headers.token) ??
    queryToken((request.query as Record<string, unknown> | undefined)?.token) ??
    (typeof body === 'object' && body !== null ? text((body as Record<string, unknown>).token) : undefined)
}

/** The caller a route handler acts as; `requireUser` ran before it. */
export function callerOf (request: FastifyRequest): User {
  if (!request.caller) throw new UserUnauthorizedError()
  return request.caller
}

/**
 * Who calls a `/users` route. The token only says who and until when: role,
 * area, status and checked are read from the store on every request, so a
 * change of role or a disabled account takes effect at once. Every failure
 * (no token, unreadable, tampered, expired, a user who is gone, a token ended
 * by a password change, a reset, disabling the user or a logout) answers the
 * same 401; a disabled user's token issued after it was disabled (none is
 * issued to them) would answer 403 `IDENTITY_USER_DISABLED`.
 */
export const userAuth = fp<UserAuthOptions>(async (app, { clock = () => new Date() }) => {
  app.decorateRequest('caller', null)
  app.decorateRequest('callerToken', null)
  app.decorate('requireUser', async (request: FastifyRequest) => {
    const token = tokenOf(request)
    const claims = token ? app.userTokens.read(token, clock()) : null
    if (!claims) throw new UserUnauthorizedError()
    const [user, loggedOut] = await Promise.all([
      app.users.findById(claims.userId), app.endedTokens.isEnded(claims.nonce)
    ])
    // A token of a user who is gone, or of an id now someone else's, says nothing.
    if (!user || user.login_name !== claims.loginName) throw new UserUnauthorizedError()
    if (loggedOut || endedByUser(claims, user.tokens_valid_after)) throw new UserUnauthorizedError()
    if (user.status !== ENABLED) throw new UserDisabledError()
    request.caller = user
    request.callerToken = claims
    request.callerId = String(user._id)
  })
}, { name: 'user-auth', dependencies: ['user-repository', 'ended-token-repository', 'user-tokens'] })
