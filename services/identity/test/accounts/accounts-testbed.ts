import { randomUUID } from 'node:crypto'
import { InProcessBroker, type Bus } from '@driver/bus'
import { assertionHeaders, type App } from '@driver/kit'
import { buildService } from '@driver/kit/service'
import type { SmsPurpose } from '@driver/contracts'
import { identityService } from '../../src/app.js'
import { loadIdentityConfig } from '../../src/config.js'
import { startMefpSimulator, type StartedMefpSimulator } from '@driver/simulators/mefp'
import type { User } from '../../src/plugins/app/user-repository.js'

type Tap = { teardown: (fn: () => unknown) => void, testdir: () => string }

/** Shared by the test's service and the requests it signs as the gateway would. */
export const ASSERTION_SECRET = 'gateway-assertion-secret-for-identity-tests'
export const KEYS = {
  MEFP_SECRET: '0123456789abcdef0123456789abcdef',
  APP_SECRET: 'fedcba9876543210',
  TOKEN_SECRET: 'token-secret-for-identity-account-tests'
}
export const MEFP_IP = '203.0.113.7'
export const ADMIN = '13900000009'
/** The code the fake sms service accepts. */
export const GOOD_CODE = '123456'

export interface Answer {
  status: number
  body: Record<string, unknown> & { result: 0 | 1, msg?: string, code?: string }
}

/**
 * The sms service's side of `sms.send` / `sms.verify`, faked on the broker:
 * codes sent are recorded, GOOD_CODE verifies, `refuseSend` makes the next
 * sends refused with the sms service's reply.
 */
export interface FakeSms {
  sent: Array<{ phone: string, purpose: SmsPurpose }>
  verified: Array<{ phone: string, purpose: SmsPurpose }>
  refuseSend?: { reason: string, code: string }
}

export interface AccountsTestbed {
  app: App
  mefp: StartedMefpSimulator
  sms: FakeSms
  broker: InProcessBroker
  /** Every log line the service wrote. */
  logs: string[]
  /** The stored user of a login name, read from the store. */
  userNamed: (loginName: string) => Promise<User | null>
  /** How many users are stored. */
  userCount: () => Promise<number>
  /** A `/users` call as the gateway forwards it, signed, from `ip`; a JSON body unless `payload` is a string. */
  call: (method: 'GET' | 'POST', url: string, payload?: object | string, options?: { ip?: string, headers?: Record<string, string> }) => Promise<Answer>
}

/** The identity service with a MeFP simulator, a fake sms service on its broker and a fresh store, closed after the test. */
export async function buildAccountsTestbed (t: Tap, env: Record<string, string> = {}, { withSms = true } = {}): Promise<AccountsTestbed> {
  const broker = new InProcessBroker()
  const logs: string[] = []
  const closers: Array<() => Promise<unknown>> = []
  t.teardown(async () => { for (const close of closers) await close() })
  const mefp = await startMefpSimulator({ secret: KEYS.MEFP_SECRET, iv: KEYS.APP_SECRET })
  closers.push(() => mefp.close())
  const config = loadIdentityConfig({
    LOG_LEVEL: 'info',
    DATA_DIR: t.testdir(),
    GATEWAY_ASSERTION_SECRET: ASSERTION_SECRET,
    MEFP_URL: mefp.url,
    MEFP_TIMEOUT_MS: '1000',
    MEFP_ALLOWED_IPS: `${MEFP_IP},198.51.100.0/24`,
    IDENTITY_ADMINS: ADMIN,
    ...KEYS,
    ...env
  })
  const app = await buildService(identityService, { config, broker, logStream: { write: (line: string) => { logs.push(line) } } })
  const sms: FakeSms = { sent: [], verified: [] }
  if (withSms) {
    const peer: Bus = broker.connect('sms', { logger: app.log })
    await peer.handle('sms.send', async ({ phone, purpose }) => {
      if (sms.refuseSend) return { sent: false as const, ...sms.refuseSend }
      sms.sent.push({ phone, purpose })
      return { sent: true as const }
    })
    await peer.handle('sms.verify', async ({ phone, purpose, code }) => {
      if (code !== GOOD_CODE) return { verified: false as const, reason: '验证码错误', code: 'SMS_CODE_WRONG' }
      sms.verified.push({ phone, purpose })
      return { verified: true as const }
    })
    closers.unshift(() => peer.close())
  }
  closers.unshift(() => app.close())
  return {
    app,
    mefp,
    sms,
    broker,
    logs,
    userNamed: async (loginName) => await app.store.collection<User>('users').findOne({ login_name: loginName }),
    userCount: async () => await app.store.collection<User>('users').countDocuments(),
    async call (method, url, payload, { ip = '10.0.0.1', headers = {} } = {}) {
      const response = await app.inject({
        method,
        url,
        payload,
        headers: {
          ...(typeof payload === 'string' ? { 'content-type': 'text/plain' } : {}),
          ...headers,
          ...assertionHeaders(ASSERTION_SECRET, { method, url, requestId: randomUUID(), clientIp: ip })
        }
      })
      return { status: response.statusCode, body: JSON.parse(response.body) }
    }
  }
}
