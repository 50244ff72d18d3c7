/** A follower of the simulated official account, as `/cgi-bin/user/info` answers them. */
export interface SimulatedFollower {
  subscribe: 0 | 1
  /** Seconds, as WeChat gives it. */
  subscribe_time?: number
  subscribe_scene?: string
  qr_scene_str?: string
  /** The last event's CreateTime: one follower never gets two events in the same second from here. */
  lastEventAt: number
}

/** Who follows the account: kept from the events the simulator pushed. */
export type SimulatorFollowers = Map<string, SimulatedFollower>

export type PushedEvent = 'subscribe' | 'unsubscribe' | 'SCAN'

/** The follower after `event` at `at` (seconds), with `scene` when it came through a QR code. */
export function followerAfter (
  before: SimulatedFollower | undefined, event: PushedEvent, at: number, scene: string | undefined
): SimulatedFollower {
  if (event === 'unsubscribe') return { subscribe: 0, lastEventAt: at }
  if (event === 'SCAN') return { ...(before ?? { subscribe_time: at }), subscribe: 1, lastEventAt: at }
  return {
    subscribe: 1,
    subscribe_time: at,
    subscribe_scene: scene === undefined ? 'ADD_SCENE_SEARCH' : 'ADD_SCENE_QR_CODE',
    ...(scene === undefined ? {} : { qr_scene_str: scene }),
    lastEventAt: at
  }
}
