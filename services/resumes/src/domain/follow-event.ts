/**
 * What a pushed message means to us: a follow, an unfollow, or a follower
 * scanning a QR code again. `scene` is the QR code's scene as WeChat gives it
 * (`EventKey` without its `qrscene_` prefix), absent when the follow came
 * another way (search, a shared card…).
 */
export type FollowEvent =
  | { kind: 'subscribe', openid: string, at: Date, scene?: string }
  | { kind: 'unsubscribe', openid: string, at: Date }
  | { kind: 'scan', openid: string, at: Date, scene?: string }

/** WeChat's openids: letters, digits, `-` and `_`. */
const OPENID = /^[A-Za-z0-9_-]{1,64}$/
const SECONDS = /^\d{1,12}$/
const QR_PREFIX = 'qrscene_'
/** WeChat's `Event` names of the events we handle. */
const EVENT_KINDS: Readonly<Record<string, FollowEvent['kind'] | undefined>> = {
  subscribe: 'subscribe', unsubscribe: 'unsubscribe', SCAN: 'scan'
}

/**
 * The follow event in a pushed message's fields; `null` for any other
 * message (text, location, menu clicks), which is acknowledged and ignored;
 * `'unreadable'` for an event without a sender or time we can read.
 */
export function followEventOf (fields: Readonly<Record<string, string>>): FollowEvent | 'unreadable' | null {
  if (fields.MsgType !== 'event') return null
  const kind = EVENT_KINDS[fields.Event ?? '']
  if (kind === undefined) return null
  const openid = fields.FromUserName ?? ''
  const seconds = fields.CreateTime ?? ''
  if (!OPENID.test(openid) || !SECONDS.test(seconds)) return 'unreadable'
  const at = new Date(Number(seconds) * 1000)
  if (kind === 'unsubscribe') return { kind, openid, at }
  const key = fields.EventKey ?? ''
  const scene = kind === 'subscribe' ? (key.startsWith(QR_PREFIX) ? key.slice(QR_PREFIX.length) : '') : key
  return scene === '' ? { kind, openid, at } : { kind, openid, at, scene } as FollowEvent
}

/**
 * The key WeChat asks a push to be deduplicated by: `MsgId` for a message,
 * `FromUserName` + `CreateTime` for an event (which has no MsgId), plus the
 * event's name, so that a follow and an unfollow in one second stay two.
 */
export function pushDedupeKey (fields: Readonly<Record<string, string>>): string | null {
  if (fields.MsgId) return `msg:${fields.MsgId}`
  if (fields.FromUserName && fields.CreateTime) {
    return `event:${fields.FromUserName}:${fields.CreateTime}:${fields.Event ?? ''}`
  }
  return null
}
