import { InProcessBroker, type Bus } from '@driver/bus'
import { assertionHeaders, type App } from '@driver/kit'
import { buildService } from '@driver/kit/service'
import { gatewayInject, type GatewayRequest } from '@driver/testing'
import type { LightMyRequestResponse } from 'fastify'
import { smsService, type SmsAppOptions } from '../src/app.js'
import { loadSmsConfig } from '../src/config.js'
import type { OutboxEntry } from '../src/plugins/external/log-sms-provider.js'

type Tap = { teardown: (fn: () => unknown) => void, testdir: () => string }

export const USER_ID = '5f1d7c2e9a3b4c5d6e7f8091'
export const PHONE = '13812345678'
/** Shared by the test's service and the requests it signs as the gateway would. */
export const ASSERTION_SECRET = 'gateway-assertion-secret-for-sms-tests'

/** A clock the test moves by hand; it starts at the real time, as TTL indexes read the real clock. */
export class TestClock {
  #now = Date.now()
  now = (): Date => new Date(this.#now)
  advance (ms: number): void { this.#now += ms }
}

export interface SmsAnswer {
  status: number
  body: { message: string, code?: string }
}

export interface SmsTest {
  app: App
  clock: TestClock
  broker: InProcessBroker
  /** A second service on the same broker, as identity or resumes would be. */
  peer: Bus
  logs: string[]
  /** Where this test's stores live; other services of the test put theirs beside it. */
  dataDir: string
  /** Calls `/wx/sms/*` as the gateway would, with the session's user and the client IP. */
  wx: (
    path: 'get' | 'check', params: Record<string, string>, options?: { ip?: string, user?: string | null }
  ) => Promise<SmsAnswer>
  /** The codes the `log` provider "sent" to a phone, newest first, read over HTTP. */
  outbox: (phone: string) => Promise<OutboxEntry[]>
  /** Any request, signed as the gateway signs what it forwards. */
  inject: (request: GatewayRequest) => Promise<LightMyRequestResponse>
}

export interface BuildOptions extends Partial<SmsAppOptions> {
  /** Variables over the test's own (a fresh DATA_DIR, the gateway's secret, LOG_LEVEL=info). */
  env?: Record<string, string>
}

/** The sms service on a fresh data directory and its own in-process broker, closed after the test. */
export async function build (t: Tap, { env = {}, ...options }: BuildOptions = {}): Promise<SmsTest> {
  const clock = new TestClock()
  const broker = options.broker ?? new InProcessBroker()
  const logs: string[] = []
  // Registered before the folder, so the service is closed before tap removes it.
  const closers: Array<() => Promise<unknown>> = []
  t.teardown(async () => { for (const close of closers) await close() })
  const dataDir = t.testdir()
  const config = loadSmsConfig({
    LOG_LEVEL: 'info', DATA_DIR: dataDir, GATEWAY_ASSERTION_SECRET: ASSERTION_SECRET, ...env
  })
  const logStream = { write: (line: string) => { logs.push(line) } }
  const app = await buildService(smsService, { config, broker, clock: clock.now, logStream, ...options })
  const peer = broker.connect('peer', { logger: app.log })
  closers.push(() => peer.close(), () => app.close())
  const inject = gatewayInject(app, (request) => assertionHeaders(ASSERTION_SECRET, request), USER_ID)
  return {
    app,
    clock,
    broker,
    peer,
    logs,
    dataDir,
    inject,
    async wx (path, params, { ip, user } = {}) {
      const response = await inject({
        method: 'POST',
        url: `/wx/sms/${path}`,
        user,
        ip,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(params).toString()
      })
      return { status: response.statusCode, body: JSON.parse(response.body) }
    },
    async outbox (phone) {
      const response = await inject({ method: 'GET', url: `/dev/sms/outbox?phone=${phone}`, user: null })
      return response.json<{ data: OutboxEntry[] }>().data
    }
  }
}

export async function latestCode (service: SmsTest, phone = PHONE): Promise<string> {
  const [latest] = await service.outbox(phone)
  if (!latest) throw new Error(`no code was sent to ${phone}`)
  return latest.code
}
