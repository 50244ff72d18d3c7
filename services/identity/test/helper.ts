import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { InProcessBroker } from '@driver/bus'
import type { SmsPurpose } from '@driver/contracts'
import { assertionHeaders, type App } from '@driver/kit'
import { buildService, defineService } from '@driver/kit/service'
import { startMefpSimulator, type MefpSimulatorOptions, type StartedMefpSimulator } from '@driver/simulators/mefp'
import type { LightMyRequestResponse } from 'fastify'
import { pino } from 'pino'
import { identityService, type IdentityAppOptions } from '../src/app.js'
import { loadIdentityConfig } from '../src/config.js'
import type { NewUser, User } from '../src/domain/user.js'
import {
  createMefpClient, type ClosableMefpClient, type MefpClientOptions
} from '../src/plugins/external/mefp/mefp-http-client.js'

type Tap = { teardown: (fn: () => unknown) => void, testdir: () => string }

/** Shared by the test's service and the requests it signs as the gateway would. */
export const ASSERTION_SECRET = 'gateway-assertion-secret-for-identity-tests'
/** MeFP's key and IV (32 and 16 bytes, as MEFP_SECRET and APP_SECRET must be) and the tokens' HMAC key. */
export const KEYS = {
  MEFP_SECRET: '0123456789abcdef0123456789abcdef',
  APP_SECRET: 'fedcba9876543210',
  TOKEN_SECRET: 'token-secret-for-identity-account-tests'
}
/** The same keys as `issueUserToken` and `readUserToken` take them. */
export const TOKEN_KEYS = { secret: KEYS.MEFP_SECRET, iv: KEYS.APP_SECRET, hmacSecret: KEYS.TOKEN_SECRET }
export const MEFP_IP = '203.0.113.7'
export const ADMIN = '13900000009'
/** The code the fake sms service accepts. */
export const GOOD_CODE = '123456'

export interface Answer {
  status: number
  body: Record<string, unknown> & { result: 0 | 1, msg?: string, code?: string }
}

/** How a token travels: the Authorization header, the `token` header, the query string or the body. */
export type Carrier = 'bearer' | 'header' | 'query' | 'body'

export interface CallOptions {
  /** JSON unless a string (sent as text/plain unless `headers` say otherwise) or `form`. */
  payload?: Record<string, unknown> | string
  /** A form, as a page posts it, instead of JSON. */
  form?: boolean
  token?: string
  via?: Carrier
  /** The client IP the gateway asserts; 10.0.0.1 unless given. */
  ip?: string
  headers?: Record<string, string>
}

/**
 * The sms service's side of `sms.send` / `sms.verify`, faked on the broker:
 * codes sent are recorded, GOOD_CODE verifies, `refuseSend` makes the next
 * sends refused with the sms service's reply.
 */
export interface FakeSms {
  sent: Array<{ phone: string, purpose: SmsPurpose, clientIp: string }>
  verified: Array<{ phone: string, purpose: SmsPurpose }>
  refuseSend?: { reason: string, code: string }
}

export interface BuildOptions {
  /** Variables over the test's own (keys, MEFP_URL, MEFP_TIMEOUT_MS 1000, MEFP_ALLOWED_IPS, IDENTITY_ADMINS). */
  env?: Record<string, string>
  /** Whether the fake sms service answers on the broker; default yes. */
  sms?: boolean
  /** The MeFP simulator's own options (its app, its clock, accounts from the start). */
  mefp?: Partial<MefpSimulatorOptions>
  /** The service's clock (login windows, token times); the real one unless given. */
  clock?: () => Date
}

export interface Testbed {
  /** The identity service's own scope, where its repositories are (`app.users`, `app.loginLimits`). */
  app: App
  /** The MeFP simulator the service talks to. */
  mefp: StartedMefpSimulator
  /** A client of the simulator (or of `url`), logging into `mefpLogs`, closed after the test. */
  mefpClient: (overrides?: Partial<MefpClientOptions>) => ClosableMefpClient
  /** Every line the simulator and the clients of `mefpClient` logged, at debug level. */
  mefpLogs: string[]
  sms: FakeSms
  broker: InProcessBroker
  /** Every log line the service wrote. */
  logs: string[]
  /** The stored user of a login name, read from the store. */
  userNamed: (loginName: string) => Promise<User | null>
  /** How many users are stored. */
  userCount: () => Promise<number>
  /** A user stored as register would store them, with a live token. */
  addUser: (fields: Partial<NewUser> & { login_name: string }) => Promise<{ user: User, token: string }>
  tokenOf: (user: User, now?: Date) => string
  /** A `/users` call as the gateway forwards it, signed, the answer parsed. */
  call: (method: 'GET' | 'PUT' | 'POST', url: string, options?: CallOptions) => Promise<Answer>
  /** Any request, signed as the gateway signs what it forwards. */
  inject: (method: 'GET' | 'PUT' | 'POST' | 'HEAD', url: string, headers?: Record<string, string>,
    payload?: string | object, ip?: string) => Promise<LightMyRequestResponse>
}

/** Where `call` puts the token, and how it sends the payload. */
function requestOf (url: string, { payload, form = false, token, via = 'bearer', headers = {} }: CallOptions) {
  const sentHeaders: Record<string, string> = {
    ...(typeof payload === 'string' ? { 'content-type': 'text/plain' } : {})
  }
  let target = url
  let body = payload
  if (token !== undefined && via === 'bearer') sentHeaders.authorization = `Bearer ${token}`
  if (token !== undefined && via === 'header') sentHeaders.token = token
  if (token !== undefined && via === 'query') target += `${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(
    token
  )}`
  if (token !== undefined && via === 'body' && typeof payload !== 'string') body = { ...payload, token }
  if (body !== undefined && typeof body !== 'string' && form) {
    sentHeaders['content-type'] = 'application/x-www-form-urlencoded'
    body = new URLSearchParams(
      Object.entries(body).map(([key, value]): [string, string] => [key, String(value)])
    ).toString()
  }
  return { target, headers: { ...sentHeaders, ...headers }, body }
}

/**
 * The identity service on a fresh data directory and its own broker, talking
 * to a MeFP simulator, with a fake sms service answering on the broker;
 * requests are signed as the gateway signs them. Everything is closed after the test.
 */
export async function build (t: Tap, options: BuildOptions = {}): Promise<Testbed> {
  const { env = {}, sms: withSms = true } = options
  const broker = new InProcessBroker()
  const logs: string[] = []
  const mefpLogs: string[] = []
  const closers: Array<() => Promise<unknown>> = []
  t.teardown(async () => { for (const close of closers) await close() })
  const mefpLogger = pino({ level: 'debug' }, { write: (line: string) => { mefpLogs.push(line) } })
  const mefp = await startMefpSimulator({
    secret: KEYS.MEFP_SECRET, iv: KEYS.APP_SECRET, nodeEnv: 'test', logger: mefpLogger, ...options.mefp
  })
  closers.push(() => mefp.close())
  const config = loadIdentityConfig({
    LOG_LEVEL: 'info',
    // One folder per build, so a test may build twice.
    DATA_DIR: join(t.testdir(), randomUUID()),
    GATEWAY_ASSERTION_SECRET: ASSERTION_SECRET,
    MEFP_URL: mefp.url,
    MEFP_TIMEOUT_MS: '1000',
    MEFP_ALLOWED_IPS: `${MEFP_IP},198.51.100.0/24`,
    IDENTITY_ADMINS: ADMIN,
    ...KEYS,
    ...env
  })
  // The service as app.ts builds it, its own scope kept for the test to reach the repositories.
  let scope: App | undefined
  const service = defineService<IdentityAppOptions>(identityService.name, identityService.description, async (
    app,
    opts
  ) => {
    scope = app
    await identityService.app(app, opts)
  })
  const root = await buildService(
    service,
    { config, broker, clock: options.clock, logStream: { write: (line: string) => { logs.push(line) } } }
  )
  closers.unshift(() => root.close())
  if (!scope) throw new Error('the identity service did not start')
  const app = scope

  const sms: FakeSms = { sent: [], verified: [] }
  if (withSms) {
    const peer = broker.connect('sms', { logger: root.log })
    await peer.handle('sms.send', async ({ phone, purpose, clientIp }) => {
      if (sms.refuseSend) return { sent: false as const, ...sms.refuseSend }
      sms.sent.push({ phone, purpose, clientIp })
      return { sent: true as const }
    })
    await peer.handle('sms.verify', async ({ phone, purpose, code }) => {
      if (code !== GOOD_CODE) return { verified: false as const, reason: '验证码错误', code: 'SMS_CODE_WRONG' }
      sms.verified.push({ phone, purpose })
      return { verified: true as const }
    })
    closers.unshift(() => peer.close())
  }

  const tokenOf = (user: User, now = new Date()) => app.userTokens.issue(user, now)
  const inject: Testbed['inject'] = (method, url, headers = {}, payload, ip = '10.0.0.1') => root.inject({
    method,
    url,
    payload,
    headers: {
      ...headers,
      ...assertionHeaders(ASSERTION_SECRET, { method, url, requestId: randomUUID(), clientIp: ip })
    }
  })
  return {
    app,
    mefp,
    mefpLogs,
    mefpClient (overrides = {}) {
      const client = createMefpClient({
        url: mefp.url, secret: KEYS.MEFP_SECRET, iv: KEYS.APP_SECRET, timeoutMs: 1000, logger: mefpLogger, ...overrides
      })
      closers.unshift(() => client.close())
      return client
    },
    sms,
    broker,
    logs,
    userNamed: async (loginName) => await app.users.findByLoginName(loginName),
    userCount: async () => await app.store.collection<User>('users').countDocuments(),
    tokenOf,
    async addUser (fields) {
      const user = await app.users.insert(
        { role: 0, area: '', status: 1, checked: 0, reg_app: '', reg_time: new Date(), ...fields }
      )
      if (!user) throw new Error(`${fields.login_name} is taken`)
      return { user, token: tokenOf(user) }
    },
    inject,
    async call (method, url, callOptions = {}) {
      const { target, headers, body } = requestOf(url, callOptions)
      const response = await inject(method, target, headers, body, callOptions.ip)
      return { status: response.statusCode, body: JSON.parse(response.body) }
    }
  }
}

/** Resolves to what `promise` rejects with, so a test can look at the error itself. */
export async function rejection (promise: Promise<unknown>): Promise<unknown> {
  return await promise.then(() => { throw new Error('expected a rejection') }, (error: unknown) => error)
}
