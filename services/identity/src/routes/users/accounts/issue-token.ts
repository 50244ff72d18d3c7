import { formatDateTime } from '@driver/kit'
import type { IdentityConfig } from '../../../config.js'
import { TokenKeysMissingError } from '../../../domain/account-errors.js'
import { issueUserToken } from '../../../domain/user-token.js'
import type { User } from '../../../plugins/app/user-repository.js'

export type TokenConfig = Pick<IdentityConfig, 'TIME_ZONE' | 'MEFP_SECRET' | 'APP_SECRET' | 'TOKEN_SECRET'>

/** A user's `/users` token, valid a day from `now`; 503 when the service has no keys to make one. */
export function tokenOf (user: User, config: TokenConfig, now: Date): string {
  const { MEFP_SECRET: secret, APP_SECRET: iv, TOKEN_SECRET: hmacSecret, TIME_ZONE: timeZone } = config
  if (secret === undefined || iv === undefined || hmacSecret === undefined) throw new TokenKeysMissingError()
  return issueUserToken({ ...user, reg_time: formatDateTime(user.reg_time, timeZone) }, { secret, iv, hmacSecret }, now)
}
