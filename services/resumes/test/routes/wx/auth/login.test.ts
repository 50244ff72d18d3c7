import t from 'tap'
import type { WxUser } from '../../../../src/plugins/app/wx-user-repository.js'
import { browserLogin, cookieOf, pathOf, startLogin, verifySession } from '../../../fixtures/wechat-login.js'
import { CALLBACK_URL, SIM_APP_ID, build } from '../../../helper.js'

t.test('a first login: silent, then WeChat\'s consent page for the profile; the user is saved, ' +
  'the session cookie is set, /wx/self_info works', async (t) => {
  const service = await build(t)
  const { login, callbackUrls, callback, authorizations, stateCookie } =
    await browserLogin(service, '/wx/html/resume.html?tab=work')

  t.equal(login.statusCode, 302)
  const [silent, consent] = authorizations
  t.equal(authorizations.length, 2, 'WeChat twice: the openid is new')
  for (const authorize of [silent, consent]) {
    t.equal(`${authorize?.origin}${authorize?.pathname}`, `${service.simulator.url}/connect/oauth2/authorize`)
    t.equal(authorize?.searchParams.get('appid'), SIM_APP_ID)
    t.equal(authorize?.searchParams.get('redirect_uri'), CALLBACK_URL)
    t.equal(authorize?.hash, '#wechat_redirect')
  }
  t.equal(silent?.searchParams.get('scope'), 'snsapi_base', 'first silently')
  t.equal(consent?.searchParams.get('scope'), 'snsapi_userinfo', 'then for the profile')
  const state = silent?.searchParams.get('state') ?? ''
  t.match(state, /^[0-9a-f]{64}$/, '256 random bits')
  t.match(cookieOf(login, 'wx_login_state'), {
    value: state, httpOnly: true, sameSite: 'Lax', path: '/wx/auth/callback', maxAge: 600
  })
  t.notOk(cookieOf(login, 'wx_login_state')?.secure, 'not Secure outside production')
  t.equal(stateCookie, consent?.searchParams.get('state'), 'the second hop has a state of its own, in the cookie')
  t.not(stateCookie, state)

  t.ok(callbackUrls.every((url) => url.startsWith(`${CALLBACK_URL}?code=`)), 'WeChat sent the browser back to us')
  t.equal(callback.statusCode, 302)
  t.equal(callback.headers.location, '/wx/html/resume.html?tab=work', 'back where the login started')
  t.match(cookieOf(callback, 'wx_login_state'), { value: '', path: '/wx/auth/callback' }, 'the state cookie is cleared')
  const session = cookieOf(callback, 'wx_session')
  t.match(session, { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 7 * 24 * 3600 })
  const claims = await verifySession(session?.value ?? '')
  t.match(claims.sub, /^[0-9a-f]{24}$/)
  t.notOk('openid' in claims, 'the openid, hidden by the seed, is not in a token the browser can read')

  // The simulator names a new browser's person after the first code it gave.
  const person = new URL(callbackUrls[0] ?? '').searchParams.get('code') ?? ''
  const user = await service.app.store.collection<WxUser>('wx_user').findOne({ _id: claims.sub })
  t.match(user, {
    openid: `sim_${person}`, unionid: `sim_union_${person}`, nick_name: `模拟司机${person.slice(0, 8)}`,
    sex: Number, country: '中国', province: '广东', city: '深圳',
    head_img_url: `https://thirdwx.qlogo.cn/mmopen/vi_32/sim_${person}/132`,
    access_token: /^SIM_OAT_/, expires_in: 7200, time: Date, refresh_token: /^SIM_ORT_/
  })
  t.match(service.simulator.calls, { authorize: 2, oauthToken: 2, userInfo: 1 }, 'the profile asked for once')

  const view = await service.wx('/wx/self_info/view', {}, { user: claims.sub })
  t.match(view.body, {
    message: 'success', data: { _id: claims.sub, nick_name: `模拟司机${person.slice(0, 8)}`, city: '深圳' }
  })
  for (const hidden of ['openid', 'unionid', 'access_token', 'refresh_token', 'expires_in', 'time']) {
    t.notOk(hidden in (view.body.data as object), hidden)
  }
  t.equal(await service.app.store.collection('login_states').countDocuments({}), 0, 'both states are spent')
})

t.test('a returning user logs in silently: one authorize page, snsapi_base, no consent, the same user', async (t) => {
  const service = await build(t)
  const first = await browserLogin(service, '/wx/html/index.html', { as: 'laowang' })
  const { sub } = await verifySession(cookieOf(first.callback, 'wx_session')?.value ?? '')
  const profiles = service.simulator.calls.userInfo

  const again = await browserLogin(service, '/wx/html/resume.html', { wechatBrowser: first.wechatBrowser })
  t.same(again.authorizations.map((url) => url.searchParams.get('scope')), ['snsapi_base'], 'one silent hop')
  t.equal(again.callback.statusCode, 302)
  t.equal(again.callback.headers.location, '/wx/html/resume.html')
  t.equal((await verifySession(cookieOf(again.callback, 'wx_session')?.value ?? '')).sub, sub, 'the same wx_user')
  t.equal(service.simulator.calls.userInfo, profiles, 'no profile asked for')
  t.equal(await service.app.store.collection('wx_user').countDocuments({}), 1)
})

t.test('without a redirect the login returns to /; the same WeChat user logging in again keeps their id', async (t) => {
  const service = await build(t)
  const first = await browserLogin(service)
  t.equal(first.callback.headers.location, '/')
  const { sub } = await verifySession(cookieOf(first.callback, 'wx_session')?.value ?? '')
  const users = service.app.store.collection<WxUser>('wx_user')
  const openid = (await users.findOne({ _id: sub }))?.openid ?? ''
  await users.updateOne({ _id: sub }, { $set: { openid: 'sim_again' } })
  // The simulator's openid follows the code: a code of our choosing logs in as that user again.
  const { stateCookie } = await startLogin(service)
  const again = await service.inject({
    method: 'GET', url: `/wx/auth/callback?code=again&state=${stateCookie}`, user: null,
    headers: { cookie: `wx_login_state=${stateCookie}` }
  })
  t.equal(again.statusCode, 302)
  t.equal((await verifySession(cookieOf(again, 'wx_session')?.value ?? '')).sub, sub, 'one user per openid')
  t.not(openid, 'sim_again')
  t.equal(await users.countDocuments({}), 1)
})

t.test('the user\'s own profile edits outlive the next logins; a silent one keeps the consented tokens, ' +
  'a consented one refreshes them', async (t) => {
  const service = await build(t)
  const first = await browserLogin(service, undefined, { as: 'edited' })
  const { sub } = await verifySession(cookieOf(first.callback, 'wx_session')?.value ?? '')
  const edited = await service.wx('/wx/self_info/update', { nick_name: '老王', city: '上海', head_img_url: '' }, {
    user: sub
  })
  t.match(edited.body, { message: 'success', data: { nick_name: '老王', city: '上海', head_img_url: '' } })
  const users = service.app.store.collection<WxUser>('wx_user')
  const before = await users.findOne({ _id: sub })
  const { wechatBrowser } = first

  const silent = await browserLogin(service, undefined, { wechatBrowser })
  t.equal(silent.authorizations.length, 1, 'logged in again, silently')
  t.equal((await verifySession(cookieOf(silent.callback, 'wx_session')?.value ?? '')).sub, sub)
  t.match(await users.findOne({ _id: sub }), {
    nick_name: '老王', city: '上海', access_token: before?.access_token, refresh_token: before?.refresh_token
  }, 'the edits stay; a silent login\'s tokens cannot read a profile, so the consented ones are kept')

  // A user WeChat never gave a profile for (the nickname missing) is asked for it.
  await users.updateOne({ _id: sub }, { $unset: { nick_name: '', unionid: '' } })
  const consented = await browserLogin(service, undefined, { wechatBrowser })
  t.same(consented.authorizations.map((url) => url.searchParams.get('scope')), ['snsapi_base', 'snsapi_userinfo'])
  t.equal((await verifySession(cookieOf(consented.callback, 'wx_session')?.value ?? '')).sub, sub)
  const view = await service.wx('/wx/self_info/view', {}, { user: sub })
  t.match(view.body.data, {
    nick_name: '模拟司机edited', city: '上海', head_img_url: '', province: '广东', country: '中国'
  }, 'the missing nickname is WeChat\'s again; the edits stay')
  const after = await users.findOne({ _id: sub })
  t.equal(after?.unionid, 'sim_union_edited', 'unionid refreshed')
  t.match(after, { access_token: /^SIM_OAT_/, expires_in: 7200, time: Date, refresh_token: /^SIM_ORT_/ })
  t.not(after?.access_token, before?.access_token, 'a new access token')
  t.not(after?.refresh_token, before?.refresh_token, 'the new login\'s refresh token')
})

t.test('a state is single use: replaying the callback is refused and WeChat is not asked again', async (t) => {
  const service = await build(t)
  const { callbackUrl, stateCookie } = await browserLogin(service)
  const exchanges = service.simulator.calls.oauthToken
  const replay = await service.inject({
    method: 'GET', url: pathOf(callbackUrl), user: null, headers: { cookie: `wx_login_state=${stateCookie}` }
  })
  t.equal(replay.statusCode, 200)
  t.same(JSON.parse(replay.body), { message: '登录请求已失效，请重新登录', code: 'RESUMES_LOGIN_STATE_INVALID' })
  t.notOk(cookieOf(replay, 'wx_session'), 'no session')
  t.equal(service.simulator.calls.oauthToken, exchanges)
  t.equal(await service.app.store.collection('wx_user').countDocuments({}), 1)
})

t.test('a forged state is refused: no cookie, another login\'s cookie, ' +
  'or a pair the server never issued', async (t) => {
  const service = await build(t)
  const mine = await startLogin(service)
  const theirs = await startLogin(service)
  const code = new URL(mine.callbackUrl).searchParams.get('code') ?? ''
  const made = 'ab'.repeat(32)
  const attempts = [
    { state: mine.stateCookie, cookie: undefined, why: 'no cookie' },
    { state: theirs.stateCookie, cookie: mine.stateCookie, why: 'a state started in another browser (login CSRF)' },
    { state: made, cookie: made, why: 'a made-up pair' },
    { state: undefined, cookie: mine.stateCookie, why: 'no state' },
    { state: `${mine.stateCookie}x`, cookie: `${mine.stateCookie}x`, why: 'a state of the wrong form' }
  ]
  for (const { state, cookie, why } of attempts) {
    const query = new URLSearchParams({ code, ...(state === undefined ? {} : { state }) })
    const response = await service.inject({
      method: 'GET', url: `/wx/auth/callback?${query}`, user: null,
      headers: cookie === undefined ? {} : { cookie: `wx_login_state=${cookie}` }
    })
    t.same(JSON.parse(response.body), { message: '登录请求已失效，请重新登录', code: 'RESUMES_LOGIN_STATE_INVALID' }, why)
  }
  t.equal(service.simulator.calls.oauthToken, 0, 'no code was exchanged')
  t.equal(await service.app.store.collection('wx_user').countDocuments({}), 0)
})

t.test('an expired state is refused', async (t) => {
  const service = await build(t)
  const { callbackUrl, stateCookie } = await startLogin(service)
  await service.app.store.collection<{ _id: string, expiresAt: Date }>('login_states').updateOne({}, {
    $set: { expiresAt: new Date(Date.now() - 1000) }
  })
  const response = await service.inject({
    method: 'GET', url: pathOf(callbackUrl), user: null, headers: { cookie: `wx_login_state=${stateCookie}` }
  })
  t.equal(JSON.parse(response.body).code, 'RESUMES_LOGIN_STATE_INVALID')
})

t.test('a redirect off this site is refused before WeChat is involved', async (t) => {
  const service = await build(t)
  for (const redirect of ['https://evil.example/', '//evil.example/x', '/\\evil.example', '/..//evil.example', 'javascript:alert(1)', '/%09/evil.example'.replace('%09', '\t')]) {
    const response = await service.inject({
      method: 'GET', url: `/wx/auth/login?redirect=${encodeURIComponent(redirect)}`, user: null
    })
    t.equal(response.statusCode, 200, JSON.stringify(redirect))
    t.same(JSON.parse(response.body), { message: '登录后的跳转地址无效', code: 'RESUMES_LOGIN_REDIRECT_INVALID' })
    t.notOk(response.headers.location)
    t.notOk(cookieOf(response, 'wx_login_state'))
  }
  t.equal(await service.app.store.collection('login_states').countDocuments({}), 0)
})

t.test('a user who declines (WeChat returns without a code) gets a clear answer, and the state is spent', async (t) => {
  const service = await build(t)
  const { stateCookie } = await startLogin(service)
  const headers = { cookie: `wx_login_state=${stateCookie}` }
  const declined = await service.inject({
    method: 'GET', url: `/wx/auth/callback?state=${stateCookie}`, user: null, headers
  })
  t.same(JSON.parse(declined.body), { message: '未获得微信授权，请重新登录并同意授权', code: 'RESUMES_WECHAT_DECLINED' })
  const retried = await service.inject({
    method: 'GET', url: `/wx/auth/callback?code=late&state=${stateCookie}`, user: null, headers
  })
  t.equal(JSON.parse(retried.body).code, 'RESUMES_LOGIN_STATE_INVALID')
})

t.test('logout clears the session cookie; only by POST', async (t) => {
  const service = await build(t)
  const response = await service.inject({ method: 'POST', url: '/wx/auth/logout', user: null })
  t.same(JSON.parse(response.body), { message: 'success' })
  const cleared = cookieOf(response, 'wx_session')
  t.match(cleared, { value: '', path: '/', httpOnly: true })
  t.ok((cleared?.expires?.getTime() ?? Infinity) < Date.now(), 'expired')
  t.equal((await service.inject({ method: 'GET', url: '/wx/auth/logout', user: null })).statusCode, 404)
})

t.test('in production the cookies are Secure', async (t) => {
  const service = await build(t, { env: { NODE_ENV: 'production' } })
  const { login, callback } = await browserLogin(service)
  t.equal(cookieOf(login, 'wx_login_state')?.secure, true)
  t.equal(cookieOf(callback, 'wx_session')?.secure, true)
})
