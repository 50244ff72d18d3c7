import { randomUUID } from 'node:crypto'
import { InProcessBroker } from '@driver/bus'
import { assertionHeaders, formatDateTime, type App } from '@driver/kit'
import { buildService, defineService } from '@driver/kit/service'
import type { LightMyRequestResponse } from 'fastify'
import { identityService, type IdentityAppOptions } from '../../src/app.js'
import { loadIdentityConfig } from '../../src/config.js'
import { issueUserToken, type UserTokenKeys } from '../../src/domain/user-token.js'
import { startMefpSimulator, type StartedMefpSimulator } from '@driver/simulators/mefp'
import type { NewUser, User } from '../../src/plugins/app/user-repository.js'

type Tap = { teardown: (fn: () => unknown) => void, testdir: () => string }

export const ASSERTION_SECRET = 'gateway-assertion-secret-for-identity-tests'
export const KEYS: UserTokenKeys = {
  secret: '0123456789abcdef0123456789abcdef',
  iv: 'fedcba9876543210',
  hmacSecret: 'token-hmac-secret-for-identity-records-tests'
}

/** How a token travels: the Authorization header, the `token` header, the query string or the body. */
export type Carrier = 'bearer' | 'header' | 'query' | 'body'

export interface CallOptions {
  token?: string
  via?: Carrier
  payload?: Record<string, unknown>
  /** A form, as a page posts it, instead of JSON. */
  form?: boolean
}

export interface Answer {
  status: number
  body: Record<string, unknown> & { result: 0 | 1, msg?: string, code?: string }
}

export interface RecordsTestbed {
  app: App
  /** The MeFP simulator the service talks to. */
  mefp: StartedMefpSimulator
  logs: string[]
  /** A user stored as register would store them, with a live token. */
  addUser: (fields: Partial<NewUser> & { login_name: string }) => Promise<{ user: User, token: string }>
  tokenOf: (user: User, now?: Date) => string
  call: (method: 'GET' | 'PUT' | 'POST', url: string, options?: CallOptions) => Promise<Answer>
  inject: (method: 'GET' | 'PUT' | 'POST', url: string, headers: Record<string, string>, payload?: string | object) => Promise<LightMyRequestResponse>
}

/**
 * The identity service on a fresh data directory, talking to the MeFP
 * simulator, with requests signed as the gateway signs them. `app` is the
 * service's own scope, where its repositories are.
 */
export async function buildRecordsTestbed (t: Tap): Promise<RecordsTestbed> {
  const logs: string[] = []
  const closers: Array<() => Promise<unknown>> = []
  t.teardown(async () => { for (const close of closers) await close() })
  const mefp = await startMefpSimulator({ secret: KEYS.secret, iv: KEYS.iv, nodeEnv: 'test' })
  closers.push(() => mefp.close())
  const config = loadIdentityConfig({
    LOG_LEVEL: 'info',
    DATA_DIR: t.testdir(),
    GATEWAY_ASSERTION_SECRET: ASSERTION_SECRET,
    MEFP_SECRET: KEYS.secret,
    APP_SECRET: KEYS.iv,
    MEFP_URL: mefp.url,
    TOKEN_SECRET: KEYS.hmacSecret
  })
  // The service as app.ts builds it, its own scope kept for the test to reach the repositories.
  let scope: App | undefined
  const service = defineService<IdentityAppOptions>(identityService.name, identityService.description, async (app, options) => {
    scope = app
    await identityService.app(app, options)
  })
  const root = await buildService(service, { config, broker: new InProcessBroker(), logStream: { write: (line: string) => { logs.push(line) } } })
  closers.unshift(() => root.close())
  if (!scope) throw new Error('the identity service did not start')
  const app = scope

  const tokenOf = (user: User, now = new Date()) => issueUserToken({ ...user, reg_time: formatDateTime(user.reg_time, config.TIME_ZONE) }, KEYS, now)
  const inject = (method: 'GET' | 'PUT' | 'POST', url: string, headers: Record<string, string>, payload?: string | object) => root.inject({
    method,
    url,
    payload,
    headers: { ...headers, ...assertionHeaders(ASSERTION_SECRET, { method, url, requestId: randomUUID(), clientIp: '10.0.0.1' }) }
  })
  return {
    app,
    mefp,
    logs,
    tokenOf,
    inject,
    async addUser (fields) {
      const user = await app.users.insert({ role: 0, area: '', status: 1, checked: 0, reg_app: '', reg_time: new Date(), ...fields })
      if (!user) throw new Error(`${fields.login_name} is taken`)
      return { user, token: tokenOf(user) }
    },
    async call (method, url, { token, via = 'bearer', payload, form = false } = {}) {
      const headers: Record<string, string> = {}
      let target = url
      let body: Record<string, unknown> | undefined = payload
      if (token !== undefined && via === 'bearer') headers.authorization = `Bearer ${token}`
      if (token !== undefined && via === 'header') headers.token = token
      if (token !== undefined && via === 'query') target += `${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`
      if (token !== undefined && via === 'body') body = { ...payload, token }
      let sent: string | object | undefined = body
      if (body && form) {
        headers['content-type'] = 'application/x-www-form-urlencoded'
        sent = new URLSearchParams(Object.entries(body).map(([key, value]): [string, string] => [key, String(value)])).toString()
      }
      const response = await inject(method, target, headers, sent)
      return { status: response.statusCode, body: JSON.parse(response.body) }
    }
  }
}
