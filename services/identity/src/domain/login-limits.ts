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

/**
 * What the per-address limit counts by: an IPv4 address (also in its
 * IPv4-mapped IPv6 form) itself, an IPv6 address by its /64, which one client
 * usually holds whole.
 */
export function addressKeyOf (ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip)
  if (mapped) return mapped[1] ?? ip
  if (!ip.includes(':')) return ip
  const [head = '', tail = ''] = ip.toLowerCase().split('::')
  const groupsOf = (part: string): string[] => part === '' ? [] : part.split(':').flatMap((group) => {
    // An embedded IPv4 tail (::ffff:1.2.3.4 aside) is two groups.
    if (!group.includes('.')) return [group]
    const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number)
    return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)]
  })
  const first = groupsOf(head)
  const last = groupsOf(tail)
  const zeros = Array<string>(Math.max(0, 8 - first.length - last.length)).fill('0')
  const groups = ip.includes('::') ? [...first, ...zeros, ...last] : first
  return `${groups.slice(0, 4).map((group) => Number.parseInt(group || '0', 16).toString(16)).join(':')}::/64`
}
