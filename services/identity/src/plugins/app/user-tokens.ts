import fp from 'fastify-plugin'
import { formatDateTime } from '@driver/kit'
import type { IdentityConfig } from '../../config.js'
import type { User } from '../../domain/user.js'
import { issueUserToken, readUserToken, type UserTokenClaims } from '../../domain/user-token.js'
import { TokenKeysMissingError } from '../../errors.js'

/** The keys of `/users` tokens (MEFP_SECRET, APP_SECRET as the IV, TOKEN_SECRET) and where reg_time is written. */
export type UserTokensOptions = Pick<IdentityConfig, 'MEFP_SECRET' | 'APP_SECRET' | 'TOKEN_SECRET' | 'TIME_ZONE'>

export interface UserTokens {
  /** A user's token, valid a day from `now`; 503 when the service has no keys to make one. */
  issue: (user: User, now: Date) => string
  /** Who a token names and until when; null for anything else, and always without keys. */
  read: (token: string, now: Date) => UserTokenClaims | null
}

declare module 'fastify' {
  interface FastifyInstance {
    userTokens: UserTokens
  }
}

/**
 * `app.userTokens`: the `/users` tokens of domain/user-token.ts with the service's keys.
 * Production requires the three (config.ts); a service started alone without them
 * issues no token (503) and reads none (every signed-in route answers 401).
 */
export const userTokens = fp<UserTokensOptions>(async (app, options) => {
  const { MEFP_SECRET: secret, APP_SECRET: iv, TOKEN_SECRET: hmacSecret, TIME_ZONE: timeZone } = options
  const keys = secret && iv && hmacSecret ? { secret, iv, hmacSecret } : null
  if (!keys) app.log.warn('MEFP_SECRET, APP_SECRET or TOKEN_SECRET is not set: /users tokens are refused')

  app.decorate('userTokens', {
    issue (user, now) {
      if (!keys) throw new TokenKeysMissingError()
      return issueUserToken({ ...user, reg_time: formatDateTime(user.reg_time, timeZone) }, keys, now)
    },
    read: (token, now) => keys ? readUserToken(token, keys, now) : null
  } satisfies UserTokens)
}, { name: 'user-tokens' })
