import { followerAfter, type PushedEvent, type SimulatorFollowers } from './simulator-followers.js'
import { signedPush, type PushSigning } from './push-envelope.js'

/** What the simulator pushes: an event of a follower, or a text message. */
export interface PushInput {
  openid: string
  event: PushedEvent | 'text'
  /** The QR code's scene (`EventKey` `qrscene_<scene>` on subscribe, `<scene>` on SCAN). */
  scene?: string
}

export interface PushOutcome {
  /** WeChat counts a push delivered when the answer is 200 within the timeout (the body is not read by it). */
  delivered: boolean
  attempts: number
  /** The last answer's status and body; absent when it timed out or the connection failed. */
  status?: number
  body?: string
}

export interface PushTarget extends PushSigning {
  /** The server address: the platform's `/wx/portal`. */
  url: string
}

export interface SimulatorPusher {
  /** Where and how pushes go; until set, a push is refused. */
  target?: PushTarget
  push: (input: PushInput) => Promise<PushOutcome>
}

export interface PusherOptions {
  followers: SimulatorFollowers
  /** The account's original id, `ToUserName` of every push. */
  accountId: string
  /** Milliseconds since the epoch. */
  clock: () => number
  /** WeChat waits 5 s for an answer. */
  timeoutMs?: number
  /** And tries three times in all. */
  tries?: number
}

/** WeChat's server push as WeChat does it: signed in the configured mode, retried until answered. */
export function simulatorPusher (options: PusherOptions): SimulatorPusher {
  const { followers, accountId, clock, timeoutMs = 5_000, tries = 3 } = options
  let messages = 0

  async function attempt (target: PushTarget, query: string, body: string): Promise<Omit<PushOutcome, 'attempts'>> {
    try {
      const answer = await fetch(`${target.url}?${query}`, {
        method: 'POST', headers: { 'content-type': 'text/xml' }, body, signal: AbortSignal.timeout(timeoutMs)
      })
      const text = await answer.text()
      return { delivered: answer.status === 200, status: answer.status, body: text }
    } catch {
      return { delivered: false }
    }
  }

  const pusher: SimulatorPusher = {
    async push ({ openid, event, scene }) {
      const target = pusher.target
      if (target === undefined) throw new Error('the simulator has no server address to push to')
      const before = followers.get(openid)
      // One follower never gets two events in the same second, which WeChat's dedupe key could not tell apart.
      const at = Math.max(Math.floor(clock() / 1000), (before?.lastEventAt ?? 0) + 1)
      const header = { ToUserName: accountId, FromUserName: openid, CreateTime: at }
      const fields = event === 'text'
        ? { ...header, MsgType: 'text', Content: 'hello', MsgId: `${at}${String(++messages).padStart(6, '0')}` }
        : {
            ...header,
            MsgType: 'event',
            Event: event,
            EventKey: scene === undefined ? '' : event === 'subscribe' ? `qrscene_${scene}` : scene
          }
      if (event !== 'text') followers.set(openid, followerAfter(before, event, at, scene))
      const { query, body } = signedPush(target, fields, Math.floor(clock() / 1000))
      let outcome: Omit<PushOutcome, 'attempts'> = { delivered: false }
      for (let attempts = 1; attempts <= tries; attempts++) {
        outcome = await attempt(target, query, body)
        if (outcome.delivered) return { ...outcome, attempts }
      }
      return { ...outcome, attempts: tries }
    }
  }
  return pusher
}
