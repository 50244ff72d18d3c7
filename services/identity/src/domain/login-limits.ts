/**
 * Failed logins are limited per login name and per client IP, in fixed
 * windows: a window's failures are counted in one document whose id names the
 * window, so a lock ends with its window (at most LOGIN_WINDOW_MS after the
 * failure that filled it), whoever keeps trying, and the real owner is never
 * held longer. Only failures count: a login that MeFP accepts, or that could
 * not be checked (MeFP down), gives its place back.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000
/** Guessing one account's password: 5 wrong ones per window. */
export const FAILURES_PER_LOGIN_NAME = 5
/** One address trying many accounts; higher, as a company's drivers may share one NAT address. */
export const FAILURES_PER_ADDRESS = 20

export type LimitedBy = 'login_name' | 'ip'

/** The window `at` falls in: its counter's key and when it ends. */
export function loginWindowOf (by: LimitedBy, value: string, at: Date): { key: string, endsAt: Date } {
  const index = Math.floor(at.getTime() / LOGIN_WINDOW_MS)
  return { key: `${by}:${value}:${index}`, endsAt: new Date((index + 1) * LOGIN_WINDOW_MS) }
}

/** Whole minutes until the window ends, at least 1, for the message. */
export function minutesUntil (endsAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((endsAt.getTime() - now.getTime()) / 60_000))
}
