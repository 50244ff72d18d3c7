import { createServer } from 'node:net'
import { generateSessionKeyPair, type SessionKeyPair } from '@driver/kit/session'
import type { StartedMefpSimulator } from '@driver/simulators/mefp'
import type { StartedWechatSimulator } from '@driver/simulators/wechat'
import { loadPlatformConfig } from '../src/config.js'
import { startPlatform, type Platform } from '../src/platform.js'

/** What of a tap test this needs. */
type Tap = { teardown: (fn: () => unknown) => void, testdir: () => string }

export type Body = Record<string, unknown>
export interface Answer { status: number, body: Body }
export interface SendOptions { json?: object, text?: string, headers?: Record<string, string>, token?: string }

/** MeFP's key and IV and the `/users` tokens' HMAC key the test platform runs with. */
export const KEYS = {
  MEFP_SECRET: 'identity-flows-test-mefp-key-32b',
  APP_SECRET: 'identity-flow-iv',
  TOKEN_SECRET: 'token-secret-of-the-identity-flow-tests'
}

export const UNAVAILABLE = {
  status: 503, body: { result: 0, msg: '统一认证平台暂不可用，请稍后再试', code: 'IDENTITY_MEFP_UNAVAILABLE' }
}

export interface BuildOptions {
  /** Variables over the test's own (loopback, silent, KEYS, a session key pair). */
  env?: Record<string, string>
  /** The data folder; a new one in the test's folder unless given (a restart passes the same one again). */
  dataDir?: string
  /** The gateway's port; one the OS picks unless given (WeChat must be told where logins come back to). */
  port?: number
}

export interface TestPlatform {
  platform: Platform
  /** The gateway, as a client reaches it: `http://127.0.0.1:<port>`. */
  base: string
  /** The session key pair the platform runs with, so a test can sign sessions of its own. */
  keys: SessionKeyPair
  dataDir: string
  /** The simulators the all-in-one mode runs outside production. */
  wechat: StartedWechatSimulator
  mefp: StartedMefpSimulator
  /** A request to the gateway over HTTP, JSON both ways. */
  send: (method: 'GET' | 'POST' | 'PUT', path: string, options?: SendOptions) => Promise<Answer>
  /** Asks `/users/captcha` for a code and reads it from the dev outbox. */
  codeFor: (phone: string, usage: 1 | 2) => Promise<{ sent: Answer, code: string }>
  /** An account MeFP has, activated in the user center; its token and id. */
  activated: (phone: string, password: string) => Promise<{ token: string, id: number }>
  /** The user center's users of a login name, read from identity's store. */
  storedUsers: (loginName: string) => Promise<number>
  /** Stops the platform (once: the test's end does not stop it again). */
  close: () => Promise<void>
}

/** A free loopback port: WeChat must be told the callback's address before the gateway listens. */
export async function freePort (): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/**
 * The all-in-one platform in a test folder, silent, with the simulators, MeFP's
 * keys and a session key pair the test knows; requests go to its gateway over
 * HTTP. Closed before tap removes its folder.
 */
export async function build (t: Tap, options: BuildOptions = {}): Promise<TestPlatform> {
  const keys = generateSessionKeyPair()
  const started: { platform?: Platform } = {}
  // Registered before t.testdir(), so it runs first.
  t.teardown(async () => { await started.platform?.close() })
  const dataDir = options.dataDir ?? t.testdir()
  const platform = await startPlatform(loadPlatformConfig({
    PORT: String(options.port ?? 0),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SESSION_PRIVATE_KEY: keys.privateKey,
    SESSION_PUBLIC_KEY: keys.publicKey,
    ...KEYS,
    ...options.env
  }))
  started.platform = platform
  const { wechatSimulator: wechat, mefpSimulator: mefp } = platform
  if (!wechat || !mefp) throw new Error('the all-in-one mode runs the WeChat and MeFP simulators')
  const address = platform.gateway.server.address()
  const base = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : ''

  const send: TestPlatform['send'] = async (method, path, { json, text, headers = {}, token } = {}) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(json ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers
      },
      ...(json ? { body: JSON.stringify(json) } : text !== undefined ? { body: text } : {})
    })
    return { status: response.status, body: await response.json() as Body }
  }
  return {
    platform,
    base,
    keys,
    dataDir,
    wechat,
    mefp,
    send,
    async codeFor (phone, usage) {
      const sent = await send('POST', '/users/captcha', { json: { login_name: phone, usage } })
      const outbox = await (await fetch(`${base}/dev/sms/outbox?phone=${phone}`)).json() as {
        data: Array<{ code: string }>
      }
      return { sent, code: outbox.data[0]?.code ?? '' }
    },
    async activated (phone, password) {
      mefp.addAccount(phone, { password })
      const activation = await send('POST', '/users/activate', { json: { login_name: phone } })
      if (activation.status !== 200) throw new Error(`activating ${phone}: ${JSON.stringify(activation.body)}`)
      const login = await send('POST', '/users/login', { json: { login_name: phone, password } })
      const data = login.body.data as { token: string, user_id: number }
      return { token: data.token, id: data.user_id }
    },
    storedUsers: async (loginName) =>
      await platform.services.identity.store.collection('users').countDocuments({ login_name: loginName }),
    async close () {
      started.platform = undefined
      await platform.close()
    }
  }
}

/**
 * A browser: it keeps the cookies it is given (for 127.0.0.1, whatever the port, as
 * browsers do; a cookie set to expire is dropped) and follows redirects itself.
 */
export function browser () {
  const jar = new Map<string, string>()
  /** Every URL the browser requested, in order. */
  const visited: URL[] = []
  const keep = (response: Response): void => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at)
      if (/;\s*Max-Age=0/i.test(line)) jar.delete(name)
      else jar.set(name, pair.slice(at + 1))
    }
  }
  const request = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
    visited.push(new URL(url))
    const response = await fetch(url, {
      ...init, redirect: 'manual', headers: { ...(cookie ? { cookie } : {}), ...init.headers as Record<string, string> }
    })
    keep(response)
    return response
  }
  return {
    jar,
    visited,
    request,
    /** Opens `url` and follows every redirect, as a browser does; the last answer. */
    async open (url: string): Promise<Response> {
      let at = url
      let response = await request(at)
      for (let hops = 0; response.status >= 300 && response.status < 400 && hops < 10; hops++) {
        at = new URL(response.headers.get('location') ?? '', at).toString()
        response = await request(at)
      }
      return response
    }
  }
}
