import { setTimeout as sleep } from 'node:timers/promises'
import fastifyCookie from '@fastify/cookie'
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { simulatorPusher, type PushInput, type PushOutcome } from './push/simulator-pusher.js'
import type { PushMode } from './push/push-envelope.js'
import type { SimulatorFollowers } from './push/simulator-followers.js'
import { listenForUrl, type ListenOptions } from '../listen.js'
import { refuseInProduction } from '../production-guard.js'
import { cgiBinRoutes } from './routes/cgi-bin.js'
import { oauthRoutes } from './routes/oauth.js'
import { personRoutes } from './routes/person.js'
import { qrCodeRoutes } from './routes/qr-codes.js'
import { scanRoutes } from './routes/scan.js'
import { testHookRoutes } from './routes/test-hooks.js'
import type { SimulatorCalls, SimulatorContext } from './simulator-context.js'
import { simulatorCredentials } from './simulator-credentials.js'
import { simulatorLogins } from './simulator-logins.js'
import { simulatorPeople } from './simulator-people.js'
import { simulatorQrCodes, type SimulatorQrCodes } from './simulator-qr-codes.js'

export interface WechatSimulatorOptions {
  /** The official account the simulator plays: the only app id and secret `/cgi-bin/token` accepts. */
  appId: string
  secret: string
  /** Lifetime of each access_token; default 7200, as WeChat's. */
  tokenTtlSeconds?: number
  /** Lifetime of each jsapi_ticket; default 7200. */
  ticketTtlSeconds?: number
  /** Logs start and stop only: request lines would carry the secret and tokens in their query. */
  logger?: FastifyBaseLogger
  /** The process's NODE_ENV; `production` is refused (the simulator gives any caller a login). */
  nodeEnv?: string
  /** Milliseconds since the epoch, for expiries; default `Date.now`. */
  clock?: () => number
  /** Every answer starts this late (default 0): for timeouts, and to widen races in tests. */
  latencyMs?: number
  /**
   * Where the people are kept across restarts (`<dataDir>/wechat.json`: which browser is
   * whom) and the QR codes made (`wechat-qrcodes.json`); without it they live in memory only.
   */
  dataDir?: string
  /**
   * WeChat's server push as the account's settings configure it: the Token, the
   * EncodingAESKey and the mode (safe when a key is given, else plain), and the
   * server address (also settable later with `pushTo`, once the platform listens).
   */
  push?: { token: string, encodingAesKey?: string, mode?: PushMode, url?: string }
  /** How long a push waits for an answer before it is tried again; WeChat's 5 s by default. */
  pushTimeoutMs?: number
}

/** The simulated account's original id (`gh_…`), `ToUserName` of its pushes. */
export const SIM_ACCOUNT_ID = 'gh_0123456789ab'

export interface WechatSimulator {
  app: FastifyInstance
  /** Requests per endpoint so far, live. */
  calls: SimulatorCalls
  /** Every access_token issued so far is refused with 40001 from now on; tokens fetched afterwards work. */
  invalidateToken: () => void
  /** The QR codes made so far: the scene a ticket stands for (for a simulated scan). */
  qrCodes: Pick<SimulatorQrCodes, 'find'>
  /** Pushes an event to the server address as WeChat does (signed, in the configured mode, retried). */
  push: (input: PushInput) => Promise<PushOutcome>
  /** Sets the server address pushes go to. */
  pushTo: (url: string) => void
  close: () => Promise<void>
}

export type StartedWechatSimulator = WechatSimulator & { url: string }

/** WeChat's official-account and OAuth APIs as a Fastify app, not listening (see the package README). */
export async function buildWechatSimulator (options: WechatSimulatorOptions): Promise<WechatSimulator> {
  refuseInProduction('WeChat', options.nodeEnv)
  const clock = options.clock ?? Date.now
  const calls: SimulatorCalls = {
    token: 0, ticket: 0, media: 0, oauthToken: 0, oauthRefresh: 0, userInfo: 0, authorize: 0, followerInfo: 0
  }
  const followers: SimulatorFollowers = new Map()
  const pusher = simulatorPusher({
    followers, accountId: SIM_ACCOUNT_ID, clock, ...(options.pushTimeoutMs ? { timeoutMs: options.pushTimeoutMs } : {})
  })
  const { push } = options
  if (push !== undefined) {
    const mode = push.mode ?? (push.encodingAesKey === undefined ? 'plain' : 'safe')
    pusher.target = { url: push.url ?? '', token: push.token, appId: options.appId, mode,
      ...(push.encodingAesKey === undefined ? {} : { encodingAesKey: push.encodingAesKey }) }
  }
  const context: SimulatorContext = {
    appId: options.appId,
    secret: options.secret,
    credentials: simulatorCredentials({
      tokenTtlSeconds: options.tokenTtlSeconds ?? 7200, ticketTtlSeconds: options.ticketTtlSeconds ?? 7200, clock
    }),
    logins: simulatorLogins(clock),
    people: await simulatorPeople(options.dataDir),
    qrCodes: await simulatorQrCodes(options.dataDir, clock),
    calls,
    followers,
    pusher
  }
  const app = Fastify({
    ...(options.logger === undefined ? {} : { loggerInstance: options.logger }),
    logController: new LogController({ disableRequestLogging: true }),
    // A test's close() must not wait for a client's idle keep-alive connection or a half-read download.
    forceCloseConnections: true
  })
  const latencyMs = options.latencyMs ?? 0
  if (latencyMs > 0) app.addHook('onRequest', async () => { await sleep(latencyMs) })
  app.addHook('onClose', async () => { await Promise.all([context.people.flush(), context.qrCodes.flush()]) })
  await app.register(fastifyCookie)
  await app.register(cgiBinRoutes, context)
  await app.register(oauthRoutes, context)
  await app.register(personRoutes, context)
  await app.register(qrCodeRoutes, context)
  await app.register(scanRoutes, context)
  await app.register(testHookRoutes, context)
  await app.ready()
  return {
    app,
    calls,
    invalidateToken: () => { context.credentials.invalidateTokens() },
    qrCodes: { find: (ticket) => context.qrCodes.find(ticket) },
    push: (input) => pusher.push(input),
    pushTo: (url) => {
      if (pusher.target === undefined) throw new Error('the simulator was started without a push token')
      pusher.target = { ...pusher.target, url }
    },
    close: () => app.close()
  }
}

/**
 * The simulator listening (port 0, loopback by default), with the base URL to give `WECHAT_API_URL` and
 * `WECHAT_OPEN_URL`.
 */
export async function startWechatSimulator (
  options: WechatSimulatorOptions & ListenOptions
): Promise<StartedWechatSimulator> {
  const simulator = await buildWechatSimulator(options)
  const url = await listenForUrl(simulator.app, options)
  options.logger?.info({ url }, 'WeChat simulator listening')
  return { ...simulator, url }
}
