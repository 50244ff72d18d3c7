import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** How long a login may take between our redirect to WeChat and its redirect back. */
export const LOGIN_STATE_TTL_SECONDS = 600

/** The cookie that binds a login's `state` to the browser that started it. */
export const LOGIN_STATE_COOKIE = 'wx_login_state'

/** WeChat's silent web OAuth scope: the openid only, no consent page. Every login starts with it. */
export const SILENT_SCOPE = 'snsapi_base'

/** The scope that shows WeChat's consent page and gives the nickname, sex, region and head image. */
export const PROFILE_SCOPE = 'snsapi_userinfo'

export type LoginScope = typeof SILENT_SCOPE | typeof PROFILE_SCOPE

/**
 * Whether a silent login must go on to ask for the profile: an openid we do not
 * know, or one WeChat never gave a profile for (a nickname the user blanked is
 * theirs, and asking again would not change it).
 */
export function needsProfile (user: { nick_name?: string } | null): boolean {
  return user?.nick_name === undefined
}

const STATE_FORM = /^[0-9a-f]{64}$/

/** 256 random bits in hex: WeChat takes only letters and digits, at most 128, in `state`. */
export function newLoginState (): string {
  return randomBytes(32).toString('hex')
}

/** What the server keeps of a state: its hash, so a leaked store cannot finish anyone's login. */
export function loginStateKey (state: string): string {
  return createHash('sha256').update(state).digest('hex')
}

/**
 * True when the state WeChat sent back is one we issue and the one this browser's
 * cookie holds, compared in constant time.
 */
export function sameLoginState (returned: string | undefined, cookie: string | undefined): boolean {
  if (returned === undefined || cookie === undefined) return false
  if (!STATE_FORM.test(returned) || !STATE_FORM.test(cookie)) return false
  return timingSafeEqual(Buffer.from(returned), Buffer.from(cookie))
}
