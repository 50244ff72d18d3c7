import type { StartedMefpSimulator } from '@driver/simulators/mefp'
import type { Platform } from '../src/platform.js'
import { startTestPlatform } from './helpers/test-platform.js'

type Tap = { teardown: (fn: () => unknown) => void, testdir: () => string }
export type Body = Record<string, unknown>
export interface Answer { status: number, body: Body }
export interface SendOptions { json?: object, token?: string }

export const UNAVAILABLE = { status: 503, body: { result: 0, msg: '统一认证平台暂不可用，请稍后再试', code: 'IDENTITY_MEFP_UNAVAILABLE' } }

export interface IdentityPlatform {
  base: string
  platform: Platform
  mefp: StartedMefpSimulator
  /** A request to the gateway over HTTP, JSON both ways. */
  send: (method: 'GET' | 'POST' | 'PUT', path: string, options?: SendOptions) => Promise<Answer>
  /** Asks `/users/captcha` for a code and reads it from the dev outbox. */
  codeFor: (phone: string, usage: 1 | 2) => Promise<{ sent: Answer, code: string }>
  /** An account MeFP has, activated in the user center; its token and id. */
  activated: (phone: string, password: string) => Promise<{ token: string, id: number }>
  /** The user center's users of a login name, read from identity's store. */
  storedUsers: (loginName: string) => Promise<number>
}

/** The all-in-one platform with the MeFP simulator and identity's keys, closed after the test. */
export async function startIdentityPlatform (t: Tap, env: Record<string, string> = {}): Promise<IdentityPlatform> {
  const { base, platform } = await startTestPlatform(t, {
    MEFP_SECRET: 'identity-flows-test-mefp-key-32b',
    APP_SECRET: 'identity-flow-iv',
    TOKEN_SECRET: 'token-secret-of-the-identity-flow-tests',
    ...env
  })
  const mefp = platform.mefpSimulator
  if (!mefp) throw new Error('the all-in-one mode runs the MeFP simulator')
  const send: IdentityPlatform['send'] = async (method, path, { json, token } = {}) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(json ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(json ? { body: JSON.stringify(json) } : {})
    })
    return { status: response.status, body: await response.json() as Body }
  }
  return {
    base,
    platform,
    mefp,
    send,
    async codeFor (phone, usage) {
      const sent = await send('POST', '/users/captcha', { json: { login_name: phone, usage } })
      const outbox = await (await fetch(`${base}/dev/sms/outbox?phone=${phone}`)).json() as { data: Array<{ code: string }> }
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
    storedUsers: async (loginName) => await platform.services.identity.store.collection('users').countDocuments({ login_name: loginName })
  }
}
