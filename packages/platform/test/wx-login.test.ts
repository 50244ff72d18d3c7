import t from 'tap'
import { callbackUrlOf } from '../src/platform.js'
import { build, freePort } from './helper.js'

/** The cookie a response sets, `name=value`, as a browser would send it back. */
function cookieFrom (response: Response, name: string): string | undefined {
  const line = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`))
  return line?.split(';')[0]
}

t.test('a newcomer logs in with WeChat through the gateway in the all-in-one mode, then uses /wx', async (t) => {
  // No WECHAT_OAUTH_CALLBACK_URL: the all-in-one mode gives WeChat its own gateway's address.
  const port = await freePort()
  const { base, platform } = await build(t, { port })
  t.equal(base, `http://127.0.0.1:${port}`)
  t.ok(platform.wechatSimulator, 'the WeChat simulator runs')

  // The browser: our login, WeChat's authorize page, back to our callback with the state cookie.
  const login = await fetch(
    `${base}/wx/auth/login?redirect=${encodeURIComponent('/wx/html/self_info.html')}`,
    { redirect: 'manual' }
  )
  t.equal(login.status, 302)
  const authorizeUrl = login.headers.get('location') ?? ''
  t.ok(
    authorizeUrl.startsWith(`${platform.wechatSimulator?.url}/connect/oauth2/authorize?`),
    'to WeChat\'s authorize page'
  )
  const stateCookie = cookieFrom(login, 'wx_login_state') ?? ''
  t.match(
    login.headers.getSetCookie().join('\n'),
    /wx_login_state=[0-9a-f]{64}; Max-Age=600; Path=\/wx\/auth\/callback; HttpOnly; SameSite=Lax/
  )

  t.equal(new URL(authorizeUrl).searchParams.get('scope'), 'snsapi_base', 'silently first')

  const authorize = await fetch(authorizeUrl, { redirect: 'manual' })
  // The cookie that names this browser at WeChat: the consent page below is the same person's.
  const wechatBrowser = authorize.headers.getSetCookie()[0]?.split(';')[0] ?? ''
  const callbackUrl = authorize.headers.get('location') ?? ''
  t.ok(callbackUrl.startsWith(`${base}/wx/auth/callback?code=`), 'WeChat sends the browser back through the gateway')

  const forged = await fetch(
    callbackUrl.replace(/state=[0-9a-f]+/, `state=${'0'.repeat(64)}`),
    { redirect: 'manual', headers: { cookie: stateCookie } }
  )
  t.same(
    JSON.parse(await forged.text()),
    { message: '登录请求已失效，请重新登录', code: 'RESUMES_LOGIN_STATE_INVALID' },
    'a forged state'
  )
  const silent = await fetch(callbackUrl, { redirect: 'manual', headers: { cookie: stateCookie } })
  t.equal(silent.status, 302)
  const consentUrl = silent.headers.get('location') ?? ''
  t.ok(consentUrl.startsWith(`${platform.wechatSimulator?.url}/connect/oauth2/authorize?`), 'a newcomer: WeChat again')
  t.equal(new URL(consentUrl).searchParams.get('scope'), 'snsapi_userinfo', 'for the profile')
  t.notOk(cookieFrom(silent, 'wx_session'), 'no session yet')
  const consentState = cookieFrom(silent, 'wx_login_state') ?? ''
  t.equal(consentState, `wx_login_state=${new URL(consentUrl).searchParams.get('state')}`, 'a new state, held')
  const replay = await fetch(callbackUrl, { redirect: 'manual', headers: { cookie: stateCookie } })
  t.equal(JSON.parse(await replay.text()).code, 'RESUMES_LOGIN_STATE_INVALID', 'the first state is spent')

  const consent = await fetch(consentUrl, { redirect: 'manual', headers: { cookie: wechatBrowser } })
  const consentCallbackUrl = consent.headers.get('location') ?? ''
  const callback = await fetch(consentCallbackUrl, { redirect: 'manual', headers: { cookie: consentState } })
  t.equal(callback.status, 302)
  t.equal(callback.headers.get('location'), '/wx/html/self_info.html')
  const session = cookieFrom(callback, 'wx_session') ?? ''
  t.match(
    callback.headers.getSetCookie().join('\n'),
    /wx_session=[^;]+; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax/
  )

  // The session works at the gateway, for every /wx route behind it.
  const view = await fetch(`${base}/wx/self_info/view`, { headers: { cookie: session, accept: '*/*' } })
  t.equal(view.status, 200)
  const profile = JSON.parse(await view.text()) as { message: string, data: Record<string, unknown> }
  // The simulator names a new browser's person after the first code it gave.
  const code = new URL(callbackUrl).searchParams.get('code') ?? ''
  t.match(profile, { message: 'success', data: { nick_name: `模拟司机${code.slice(0, 8)}`, province: '广东' } })
  t.notOk('openid' in profile.data)
  const update = await fetch(
    `${base}/wx/self_info/update`,
    { method: 'POST', body: new URLSearchParams({ city: '杭州', role: '1' }), headers: { cookie: session } }
  )
  t.match(JSON.parse(await update.text()), { message: 'success', data: { city: '杭州' } })
  t.equal((await fetch(`${base}/wx/self_info/view`)).status, 401, 'without the session the gateway refuses')

  const logout = await fetch(`${base}/wx/auth/logout`, { method: 'POST' })
  t.same(JSON.parse(await logout.text()), { message: 'success' })
  t.match(
    logout.headers.getSetCookie().join('\n'),
    /wx_session=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax/
  )
})

t.test('through the gateway, a login that would leave the site is refused', async (t) => {
  const { base } = await build(t)
  for (const redirect of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
    const response = await fetch(
      `${base}/wx/auth/login?redirect=${encodeURIComponent(redirect)}`,
      { redirect: 'manual' }
    )
    t.equal(response.status, 200, redirect)
    t.same(JSON.parse(await response.text()), { message: '登录后的跳转地址无效', code: 'RESUMES_LOGIN_REDIRECT_INVALID' })
  }
  const declined = await fetch(`${base}/wx/auth/callback?state=abc`, { redirect: 'manual' })
  t.equal(declined.status, 200, 'a callback without code or cookie is a refusal, not a 5xx')
})

t.test('the login callback is the gateway as a browser on this machine reaches it', async (t) => {
  t.equal(callbackUrlOf({ HOST: '127.0.0.1', PORT: 8080 }), 'http://127.0.0.1:8080/wx/auth/callback')
  t.equal(callbackUrlOf({ HOST: '0.0.0.0', PORT: 9000 }), 'http://127.0.0.1:9000/wx/auth/callback', 'every interface: loopback is one of them')
  t.equal(callbackUrlOf({ HOST: '::1', PORT: 8080 }), 'http://[::1]:8080/wx/auth/callback')
  t.equal(callbackUrlOf({ HOST: '127.0.0.1', PORT: 0 }), undefined, 'a port the OS picks is not known before listening')
})
