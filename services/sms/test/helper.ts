import { InProcessBroker, type Bus } from '@driver/bus'
import type { App } from '@driver/kit'
import { buildService } from '@driver/kit/service'
import { smsService, type SmsAppOptions } from '../src/app.js'
import { loadSmsConfig } from '../src/config.js'
import type { OutboxEntry } from '../src/plugins/external/log-sms-provider.js'

type Tap = { teardown: (fn: () => unknown) => void, testdir: () => string }

export const USER_ID = '5f1d7c2e9a3b4c5d6e7f8091'
export const PHONE = '13812345678'

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
}

/** The sms service on a fresh data directory and its own in-process broker, closed after the test. */
export async function buildSmsTestbed (t: Tap, env: Record<string, string> = {}, options: Partial<SmsAppOptions> = {}): Promise<SmsTestbed> {
  const clock = new TestClock()
  const broker = options.broker ?? new InProcessBroker()
  const logs: string[] = []
  const dataDir = t.testdir()
  const config = loadSmsConfig({ LOG_LEVEL: 'info', DATA_DIR: dataDir, ...env })
  const app = await buildService(smsService, { config, broker, clock: clock.now, logStream: { write: (line: string) => { logs.push(line) } }, ...options })
  const peer = broker.connect('peer', { logger: app.log })
  t.teardown(async () => {
    await peer.close()
    await app.close()
  })
  return {
    app,
    clock,
    broker,
    peer,
    logs,
    dataDir,
    async wx (path, params, { ip = '10.0.0.1', user = USER_ID } = {}) {
      const headers: Record<string, string> = { 'x-client-ip': ip, 'content-type': 'application/x-www-form-urlencoded' }
      if (user) headers['x-wx-user-id'] = user
      const response = await app.inject({ method: 'POST', url: `/wx/sms/${path}`, headers, payload: new URLSearchParams(params).toString() })
      return { status: response.statusCode, body: JSON.parse(response.body) }
    },
    async outbox (phone) {
      const response = await app.inject({ method: 'GET', url: `/dev/sms/outbox?phone=${phone}` })
      return response.json<{ data: OutboxEntry[] }>().data
    }
  }
}

export async function latestCode (testbed: SmsTestbed, phone = PHONE): Promise<string> {
  const [latest] = await testbed.outbox(phone)
  if (!latest) throw new Error(`no code was sent to ${phone}`)
  return latest.code
}
