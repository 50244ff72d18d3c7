import t from 'tap'
import { createWechatClient, WechatError } from '../../src/index.js'
import { APP_ID, build, rejection } from '../helper.js'

/** What a browser does with the authorize URL: follow it to the redirect WeChat answers. */
async function authorize (url: string): Promise<URL> {
  const answer = await fetch(url, { redirect: 'manual' })
  const location = answer.headers.get('location')
  if (answer.status !== 302 || location === null) throw new Error(`no redirect: ${answer.status}`)
  return new URL(location)
}

t.test('the authorize URL is WeChat’s, parameters in its order, ending in #wechat_redirect', async (t) => {
  const client = createWechatClient({ apiUrl: 'https://api.weixin.qq.com', openUrl: 'https://open.weixin.qq.com', appId: 'wx520c15f417810387', secret: 's' })
  t.teardown(client.close)
  t.equal(
    client.authorizeUrl({ redirectUri: 'https://chong.qq.com/php/index.php?d=&c=wxAdapter&m=mobileDeal&showwxpaytitle=1&vb2ctag=4_2030_5_1194_60', state: '123', scope: 'snsapi_base' }),
    'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx520c15f417810387' +
    '&redirect_uri=https%3A%2F%2Fchong.qq.com%2Fphp%2Findex.php' +
    '%3Fd%3D%26c%3DwxAdapter%26m%3DmobileDeal%26showwxpaytitle%3D1%26vb2ctag%3D4_2030_5_1194_60' +
    '&response_type=code&scope=snsapi_base&state=123#wechat_redirect',
    'the example of WeChat’s documentation'
  )
  t.match(client.authorizeUrl({ redirectUri: 'https://example.com/cb', state: 'a' }), /&scope=snsapi_userinfo&state=a#wechat_redirect$/, 'snsapi_userinfo by default')
  t.throws(() => client.authorizeUrl({ redirectUri: 'https://example.com/cb', state: 'a-b' }), RangeError, 'WeChat allows letters and digits only')
  t.throws(() => client.authorizeUrl({ redirectUri: 'https://example.com/cb', state: 'a'.repeat(129) }), RangeError)
  t.throws(() => client.authorizeUrl({ redirectUri: '/cb', state: 'a' }), RangeError)
})

t.test('a login: authorize, exchange the code, read the profile, refresh the token', async (t) => {
  const { simulator, client } = await build(t)
  const wechat = client({ store: undefined })
  const back = await authorize(wechat.authorizeUrl({ redirectUri: 'https://driver.example.com/wx/auth/callback?redirect=%2Fresume', state: 'xyz789' }))
  t.equal(back.origin + back.pathname, 'https://driver.example.com/wx/auth/callback')
  t.equal(back.searchParams.get('redirect'), '/resume', 'the page’s own query kept')
  t.equal(back.searchParams.get('state'), 'xyz789')
  const code = back.searchParams.get('code') ?? ''
  t.match(code, /^[0-9a-f]{32}$/)

  const token = await wechat.exchangeCode(code)
  t.match(token, { openid: `sim_${code}`, scope: 'snsapi_userinfo', expiresIn: 7200, unionid: `sim_union_${code}` })
  t.match(token.accessToken, /^SIM_OAT_/)
  const profile = await wechat.userInfo(token.accessToken, token.openid)
  const fields = ['city', 'country', 'headimgurl', 'nickname', 'openid', 'province', 'sex', 'unionid']
  t.same(Object.keys(profile).sort(), fields, 'WeChat’s fields, privilege left out')
  t.match(profile, {
    openid: `sim_${code}`,
    nickname: `模拟司机${code.slice(0, 8)}`,
    province: '广东',
    city: '深圳',
    country: '中国',
    headimgurl: `https://thirdwx.qlogo.cn/mmopen/vi_32/sim_${code}/132`,
    unionid: `sim_union_${code}`
  })
  t.ok(profile.sex === 1 || profile.sex === 2, 'a sex')

  const refreshed = await wechat.refreshOAuthToken(token.refreshToken)
  t.match(refreshed, { openid: token.openid, refreshToken: token.refreshToken, scope: 'snsapi_userinfo' })
  t.not(refreshed.accessToken, token.accessToken)
  t.match(await wechat.userInfo(refreshed.accessToken, refreshed.openid), { openid: token.openid })
  t.match(simulator.calls, { authorize: 1, oauthToken: 1, oauthRefresh: 1, userInfo: 2, token: 0 })
})

t.test('any code logs in as sim_<code>, once', async (t) => {
  const { client } = await build(t)
  const wechat = client()
  t.match(await wechat.exchangeCode('driver42'), { openid: 'sim_driver42' })
  const reused = await rejection(wechat.exchangeCode('driver42'))
  t.ok(reused instanceof WechatError)
  t.match(reused, { errcode: 40163, errmsg: /^code been used/, api: '/sns/oauth2/access_token' })
  t.match(await rejection(wechat.exchangeCode('not a code!')), { errcode: 40029 })
})

t.test('WeChat’s refusals of the OAuth calls are WechatErrors', async (t) => {
  const { client } = await build(t)
  const wechat = client()
  const back = await authorize(wechat.authorizeUrl({ redirectUri: 'https://example.com/cb', state: 's', scope: 'snsapi_base' }))
  const base = await wechat.exchangeCode(back.searchParams.get('code') ?? '')
  t.equal(base.scope, 'snsapi_base')
  t.match(await rejection(wechat.userInfo(base.accessToken, base.openid)), { errcode: 48001 },
    'a silent login gives no profile')

  const user = await wechat.exchangeCode('someone')
  t.match(await rejection(wechat.userInfo(user.accessToken, 'sim_someone-else')), { errcode: 40003 })
  t.match(await rejection(wechat.userInfo('SIM_OAT_unknown', user.openid)), { errcode: 40001 })
  t.match(await rejection(wechat.refreshOAuthToken('SIM_ORT_unknown')), { errcode: 40030 })
  t.match(await rejection(client({ secret: 'wrong' }).exchangeCode('x1')), { errcode: 40125 })
  t.match(await rejection(client({ appId: 'wx-other' }).refreshOAuthToken(user.refreshToken)), { errcode: 40013 })
})

t.test('a user’s OAuth token expires after its two hours', async (t) => {
  const clock = { now: Date.now() }
  const { client } = await build(t, { clock: () => clock.now })
  const wechat = client()
  const user = await wechat.exchangeCode('late')
  clock.now += 7200_000
  t.match(await rejection(wechat.userInfo(user.accessToken, user.openid)), { errcode: 42001 })
  const refreshed = await wechat.refreshOAuthToken(user.refreshToken)
  t.match(await wechat.userInfo(refreshed.accessToken, user.openid), { openid: 'sim_late' })
})

t.test('the simulator’s authorize page refuses what WeChat’s refuses', async (t) => {
  const { simulator } = await build(t)
  const page = `${simulator.url}/connect/oauth2/authorize`
  for (const query of [
    `appid=wx-other&redirect_uri=https%3A%2F%2Fexample.com&response_type=code&scope=snsapi_base&state=1`,
    `appid=${APP_ID}&redirect_uri=%2Fcb&response_type=code&scope=snsapi_base&state=1`,
    `appid=${APP_ID}&redirect_uri=https%3A%2F%2Fexample.com&response_type=code&scope=snsapi_login&state=1`
  ]) {
    const answer = await fetch(`${page}?${query}`, { redirect: 'manual' })
    t.equal(answer.status, 400, query)
  }
})
