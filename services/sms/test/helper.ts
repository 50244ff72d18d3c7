import { InProcessBroker, type Bus } from '@driver/bus'
import { randomUUID } from 'node:crypto'
import { assertionHeaders, type App } from '@driver/kit'
import type { LightMyRequestResponse } from 'fastify'
import { buildService } from '@driver/kit/service'
import { smsService, type SmsAppOptions } from '../src/app.js'
import { loadSmsConfig } from '../src/config.js'
import type { OutboxEntry } from '../src/plugins/external/log-sms-provider.js'

type Tap = { teardown: (fn: () => unknown) => void, testdir: () => string }

export const USER_ID = '5f1d7c2e9a3b4c5d6e7f8091'
export const PHONE = '13812345678'
/** Shared by the test's service and the requests it signs as the gateway would. */
export const ASSERTION_SECRET = 'gateway-assertion-secret-for-sms-tests'

/** A request as the gateway forwards it: the session's user and the client IP, signed. */
export interface GatewayRequest {
  method: 'GET' | 'POST' | 'HEAD'
  url: string
  headers?: Record<string, string>
  payload?: string | object
  /** The session's WeChat user; `null` for none. */
  user?: string | null
  ip?: string
}

/** A clock the test moves by hand; it starts at the real time, as TTL indexes read the real clock. */
export class TestClock {
  #now = Date.now()
  now = (): Date => new Date(this.#now)
  advance (ms: number): void { this.#now += ms }
}

export interface SmsTestbed {
  app: App
  clock: TestClock
  broker: InProcessBroker
  /** A second service on the same broker, as identity or resumes would be. */
  peer: Bus
  logs: string[]
  /** Where this test's stores live; other services of the test put theirs beside it. */
  dataDir: string
  /** Calls `/wx/sms/*` as the gateway would, with the session's user and the client IP. */
  wx: (path: 'get' | 'check', params: Record<string, string>, options?: { ip?: string, user?: string | null }) => Promise<{ status: number, body: { message: string, code?: string } }>
  /** The codes the `log` provider "sent" to a phone, newest first, read over HTTP. */
  outbox: (phone: string) => Promise<OutboxEntry[]>
  /** Any request, signed as the gateway signs what it forwards. */
  inject: (request: GatewayRequest) => Promise<LightMyRequestResponse>
}

/** The sms service on a fresh data directory and its own in-process broker, closed after the test. */
export async function buildSmsTestbed (t: Tap, env: Record<string, string> = {}, options: Partial<SmsAppOptions> = {}): Promise<SmsTestbed> {
  const clock = new TestClock()
  const broker = options.broker ?? new InProcessBroker()
  const logs: string[] = []
  // Registered before the folder, so the service is closed before tap removes it.
  const closers: Array<() => Promise<unknown>> = []
  t.teardown(async () => { for (const close of closers) await close() })
  const dataDir = t.testdir()
  const config = loadSmsConfig({ LOG_LEVEL: 'info', DATA_DIR: dataDir, GATEWAY_ASSERTION_SECRET: ASSERTION_SECRET, ...env })
  const app = await buildService(smsService, { config, broker, clock: clock.now, logStream: { write: (line: string) => { logs.push(line) } }, ...options })
  const peer = broker.connect('peer', { logger: app.log })
  closers.push(() => peer.close(), () => app.close())
  const inject = ({ method, url, headers = {}, payload, user = USER_ID, ip = '10.0.0.1' }: GatewayRequest) => app.inject({
    method,
    url,
    payload,
    headers: { ...headers, ...assertionHeaders(ASSERTION_SECRET, { method, url, requestId: randomUUID(), clientIp: ip, wxUserId: user ?? undefined }) }
  })
  return {
    app,
    clock,
    broker,
    peer,
    logs,
    dataDir,
    inject,
    async wx (path, params, { ip = '10.0.0.1', user = USER_ID } = {}) {
      const response = await inject({
        method: 'POST', url: `/wx/sms/${path}`, user, ip, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(params).toString()
      })
      return { status: response.statusCode, body: JSON.parse(response.body) }
    },
    async outbox (phone) {
      const response = await inject({ method: 'GET', url: `/dev/sms/outbox?phone=${phone}`, user: null })
      return response.json<{ data: OutboxEntry[] }>().data
    }
  }
}

export async function latestCode (testbed: SmsTestbed, phone = PHONE): Promise<string> {
  const [latest] = await testbed.outbox(phone)
  if (!latest) throw new Error(`no code was sent to ${phone}`)
  return latest.code
}
