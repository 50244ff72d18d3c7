import type { SimulatorFollowers } from './push/simulator-followers.js'
import type { SimulatorPusher } from './push/simulator-pusher.js'
import type { SimulatorCredentials } from './simulator-credentials.js'
import type { SimulatorLogins } from './simulator-logins.js'
import type { SimulatorPeople } from './simulator-people.js'
import type { SimulatorQrCodes } from './simulator-qr-codes.js'

/** Requests served per endpoint, counted as they arrive (refused ones included). */
export interface SimulatorCalls {
  token: number
  ticket: number
  media: number
  oauthToken: number
  oauthRefresh: number
  userInfo: number
  authorize: number
  /** `/cgi-bin/user/info` */
  followerInfo: number
}

/** What the simulator's routes share. */
export interface SimulatorContext {
  appId: string
  secret: string
  credentials: SimulatorCredentials
  logins: SimulatorLogins
  people: SimulatorPeople
  qrCodes: SimulatorQrCodes
  calls: SimulatorCalls
  followers: SimulatorFollowers
  pusher: SimulatorPusher
}
