import t from 'tap'
import { createServer } from 'node:net'
import { createWechatClient } from '@driver/wechat'
import type { WxUser } from '../../../../src/plugins/app/wx-user-repository.js'
import { browserLogin, cookieOf, finishLogin, startLogin, verifySession } from '../../../fixtures/wechat-login.js'
import { SIM_APP_ID, SIM_SECRET, build } from '../../../helper.js'

const FAILED = { message: '微信登录失败，请重新登录', code: 'RESUMES_WECHAT_LOGIN_FAILED' }

t.test('WeChat refusing the exchange (a wrong secret) is a clear answer, ' +
  'logged with WeChat\'s errcode and never the secret', async (t) => {
  const service = await build(t, { env: { WECHAT_SECRET: 'not-the-account-secret' } })
  const { callback, callbackUrl } = await browserLogin(service)
  t.equal(callback.statusCode, 200)
  t.same(JSON.parse(callback.body), FAILED)
  t.notOk(cookieOf(callback, 'wx_session'))
  t.equal(await service.app.store.collection('wx_user').countDocuments({}), 0)
  const logs = service.logs.join('')
  t.match(logs, /"errcode":40125/)
  t.notMatch(logs, 'not-the-account-secret')
  t.notMatch(logs, new URL(callbackUrl).searchParams.get('code') ?? '', 'nor the code')
})

t.test('a code WeChat already redeemed is refused by WeChat, and answered clearly', async (t) => {
  const service = await build(t)
  const first = await browserLogin(service)
  const code = new URL(first.callbackUrl).searchParams.get('code') ?? ''
  const { stateCookie } = await startLogin(service)
  const reused = await service.inject({
    method: 'GET', url: `/wx/auth/callback?code=${code}&state=${stateCookie}`, user: null,
    headers: { cookie: `wx_login_state=${stateCookie}` }
  })
  t.same(JSON.parse(reused.body), FAILED)
  t.match(service.logs.join(''), /"errcode":40163/)
})

t.test('WeChat out of reach: a clear answer, not a 5xx', async (t) => {
  const closed = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 1))
    })
  })
  const service = await build(t, { env: { WECHAT_API_URL: `http://127.0.0.1:${closed}` } })
  const { callback } = await browserLogin(service)
  t.equal(callback.statusCode, 200)
  t.same(JSON.parse(callback.body), FAILED)
})

t.test('two callbacks for one openid at the same time give one wx_user', async (t) => {
  // The simulator's openid follows the code, and a code serves once: this client gives both logins
  // one openid, as WeChat does for one person logging in from two tabs.
  const tokensOf = new Map<string, string>()
  const service = await build(t, {
    simulator: { latencyMs: 20 },
    wechat (simulator) {
      const real = createWechatClient({
        apiUrl: simulator.url, openUrl: simulator.url, appId: SIM_APP_ID, secret: SIM_SECRET
      })
      t.teardown(() => real.close())
      return {
        ...real,
        async exchangeCode (code) {
          const tokens = await real.exchangeCode(code)
          tokensOf.set(tokens.accessToken, tokens.openid)
          return { ...tokens, openid: 'sim_two_tabs' }
        },
        userInfo: async (accessToken) => await real.userInfo(accessToken, tokensOf.get(accessToken) ?? '')
      }
    }
  })
  const tabs = await Promise.all([startLogin(service), startLogin(service)])
  const logins = await Promise.all(tabs.map(async (tab) => await finishLogin(service, tab)))
  t.same(logins.map(({ authorizations }) => authorizations.length), [2, 2], 'both tabs were asked for the profile')
  const callbacks = logins.map(({ callback }) => callback)
  const subs = await Promise.all(callbacks.map(async (callback) =>
    (await verifySession(cookieOf(callback, 'wx_session')?.value ?? '')).sub))
  t.equal(subs[0], subs[1], 'both sessions name the same user')
  t.equal(await service.app.store.collection<WxUser>('wx_user').countDocuments({ openid: 'sim_two_tabs' }), 1)
})

t.test('no log line holds a WeChat token, the secret, a code or the session', async (t) => {
  const service = await build(t)
  const { callbackUrls, callback } = await browserLogin(service)
  const session = cookieOf(callback, 'wx_session')?.value ?? ''
  const { sub } = await verifySession(session)
  const user = await service.app.store.collection<WxUser>('wx_user').findOne({ _id: sub })
  await service.wx('/wx/self_info/view', {}, { user: sub })
  await service.inject({
    method: 'POST', url: '/wx/auth/logout', user: null, headers: { cookie: `wx_session=${session}` }
  })
  const logs = service.logs.join('')
  t.match(logs, 'WeChat user logged in')
  const secrets = {
    secret: SIM_SECRET, session,
    ...Object.fromEntries(callbackUrls.map((url, hop) => [`code ${hop}`, new URL(url).searchParams.get('code')])),
    access_token: user?.access_token, refresh_token: user?.refresh_token
  }
  for (const [name, value] of Object.entries(secrets)) {
    t.ok(value, `${name} is known to the test`)
    t.notMatch(logs, value ?? '', `${name} is not logged`)
  }
})
