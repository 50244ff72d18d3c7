import { setTimeout as sleep } from 'node:timers/promises'
import fastifyCookie from '@fastify/cookie'
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { listenForUrl, type ListenOptions } from '../listen.js'
import { refuseInProduction } from '../production-guard.js'
import { cgiBinRoutes } from './routes/cgi-bin.js'
import { oauthRoutes } from './routes/oauth.js'
import { personRoutes } from './routes/person.js'
import { qrCodeRoutes } from './routes/qr-codes.js'
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
}

export interface WechatSimulator {
  app: FastifyInstance
  /** Requests per endpoint so far, live. */
  calls: SimulatorCalls
  /** Every access_token issued so far is refused with 40001 from now on; tokens fetched afterwards work. */
  invalidateToken: () => void
  /** The QR codes made so far: the scene a ticket stands for (for a simulated scan). */
  qrCodes: Pick<SimulatorQrCodes, 'find'>
  close: () => Promise<void>
}

export type StartedWechatSimulator = WechatSimulator & { url: string }

/** WeChat's official-account and OAuth APIs as a Fastify app, not listening (see the package README). */
export async function buildWechatSimulator (options: WechatSimulatorOptions): Promise<WechatSimulator> {
  refuseInProduction('WeChat', options.nodeEnv)
  const clock = options.clock ?? Date.now
  const calls: SimulatorCalls = {
    token: 0, ticket: 0, media: 0, oauthToken: 0, oauthRefresh: 0, userInfo: 0, authorize: 0
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
    calls
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
  await app.register(testHookRoutes, context)
  await app.ready()
  return {
    app,
    calls,
    invalidateToken: () => { context.credentials.invalidateTokens() },
    qrCodes: { find: (ticket) => context.qrCodes.find(ticket) },
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
