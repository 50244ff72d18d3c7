import { randomUUID } from 'node:crypto'
import { InProcessBroker, type Bus } from '@driver/bus'
import { assertionHeaders, type App } from '@driver/kit'
import { buildService } from '@driver/kit/service'
import { generateSessionKeyPair } from '@driver/kit/session'
import type { LightMyRequestResponse } from 'fastify'
import { resumesService, type ResumesAppOptions } from '../src/app.js'
import { loadResumesConfig } from '../src/config.js'

type Tap = { teardown: (fn: () => unknown) => void, testdir: () => string }

export const USER_ID = '5f1d7c2e9a3b4c5d6e7f8091'
export const OTHER_USER_ID = '5f1d7c2e9a3b4c5d6e7f8092'
/** Shared by the test's service and the requests it signs as the gateway would. */
export const ASSERTION_SECRET = 'gateway-assertion-secret-for-resumes-tests'
/** One key pair per test file: the service signs sessions with it, tests may verify them. */
export const SESSION_KEYS = generateSessionKeyPair()

/** A request as the gateway forwards it: the session's user and the client IP, signed. */
export interface GatewayRequest {
  method: 'GET' | 'POST' | 'HEAD'
  url: string
  headers?: Record<string, string>
  payload?: string | object
  /** The session's WeChat user; `null` for none (the gateway's `/wx/auth` routes). */
  user?: string | null
  ip?: string
}

export interface WxAnswer {
  status: number
  // A test reads whatever the route answered; the schemas are what they check.
  body: Record<string, unknown> & { message: string, code?: string }
}

export interface ResumesTestbed {
  app: App
  broker: InProcessBroker
  /** Another service on the same broker (media's side of `media.describe`, sms's events). */
  peer: Bus
  /** Every log line the service wrote. */
  logs: string[]
  dataDir: string
  inject: (request: GatewayRequest) => Promise<LightMyRequestResponse>
  /** A `/wx` call as jQuery's `$.post` sends it: a form (an object is sent as JSON), Accept `*\/*`. */
  wx: (url: string, params?: Record<string, string> | string | object, options?: { user?: string | null, json?: boolean }) => Promise<WxAnswer>
}

/** The resumes service on a fresh data directory and its own in-process broker, closed after the test. */
export async function buildResumesTestbed (t: Tap, env: Record<string, string> = {}, options: Partial<ResumesAppOptions> = {}): Promise<ResumesTestbed> {
  const broker = options.broker ?? new InProcessBroker()
  const logs: string[] = []
  // Registered before the folder, so the service is closed before tap removes it.
  const closers: Array<() => Promise<unknown>> = []
  t.teardown(async () => { for (const close of closers) await close() })
  const dataDir = t.testdir()
  const config = loadResumesConfig({
    LOG_LEVEL: 'info', DATA_DIR: dataDir, GATEWAY_ASSERTION_SECRET: ASSERTION_SECRET, SESSION_PRIVATE_KEY: SESSION_KEYS.privateKey, ...env
  })
  const app = await buildService(resumesService, { config, broker, logStream: { write: (line: string) => { logs.push(line) } }, ...options })
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
    broker,
    peer,
    logs,
    dataDir,
    inject,
    async wx (url, params = {}, { user = USER_ID, json = false } = {}) {
      const form = typeof params === 'string' || !json
      const payload = typeof params === 'string' ? params : json ? params : new URLSearchParams(params as Record<string, string>).toString()
      const response = await inject({
        method: 'POST',
        url,
        user,
        headers: { accept: '*/*', 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
        payload
      })
      return { status: response.statusCode, body: JSON.parse(response.body) }
    }
  }
}
