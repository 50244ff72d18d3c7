/** The rules a code's life follows (DESIGN §5). */
export const CODE_TTL_MS = 5 * 60 * 1000
export const MAX_WRONG_TRIES = 5
export const RESEND_INTERVAL_MS = 60 * 1000
export const DAILY_SENDS_PER_PHONE = 10
export const HOUR_MS = 3600 * 1000
export const DAY_MS = 24 * HOUR_MS

/** The calendar day a send counts against, in the platform's time zone (Asia/Shanghai by default). */
export function sendDay (at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}

/** The clock hour a per-hour limit counts against: fixed windows, the same in every process. */
export function sendHour (at: Date): string {
  return at.toISOString().slice(0, 13)
}

/** Seconds a client must still wait before the next send, rounded up for the message. */
export function secondsUntilResend (lastSentAt: Date, now: Date): number {
  return Math.max(0, Math.ceil((lastSentAt.getTime() + RESEND_INTERVAL_MS - now.getTime()) / 1000))
}
