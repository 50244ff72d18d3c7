import { statSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import {
  BROWSER_COOKIE, buildWechatSimulator, WECHAT_STATE_FILE, type WechatSimulatorOptions
} from '../../src/wechat/index.js'
import { APP_ID, APP_SECRET } from '../helper.js'

type Tap = { teardown: (fn: () => unknown) => void }

/**
 * The simulator, and a browser: it keeps the cookies the simulator sets, as a
 * browser keeps them for the simulator's address, and logs in by following the
 * authorize page to its code, which the site then exchanges for the openid.
 */
async function simulatorFor (t: Tap, options: Partial<WechatSimulatorOptions> = {}) {
  const simulator = await buildWechatSimulator({ appId: APP_ID, secret: APP_SECRET, ...options })
  t.teardown(() => simulator.close())
  const browser = () => {
    const jar = new Map<string, string>()
    const get = async (url: string) => {
      const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
      const response = await simulator.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} })
      for (const set of response.cookies) jar.set(set.name, set.value)
      return response
    }
    const login = async (as?: string): Promise<{ code: string, openid: string, nickname: string }> => {
      const query = new URLSearchParams({
        appid: APP_ID, redirect_uri: 'https://driver.example.com/wx/auth/callback', response_type: 'code', scope: 'snsapi_userinfo', state: 's'
      })
      if (as !== undefined) query.set('as', as)
      const authorize = await get(`/connect/oauth2/authorize?${query.toString()}`)
      const code = new URL(String(authorize.headers.location)).searchParams.get('code') ?? ''
      const tokenUrl = `/sns/oauth2/access_token?appid=${APP_ID}&secret=${APP_SECRET}&code=${code}` +
        '&grant_type=authorization_code'
      const token = (await simulator.app.inject({ method: 'GET', url: tokenUrl })).json<{
        access_token: string,
        openid: string
      }>()
      const profile = await simulator.app.inject(
        { method: 'GET', url: `/sns/userinfo?access_token=${token.access_token}&openid=${token.openid}` }
      )
      return { code, openid: token.openid, nickname: profile.json<{ nickname: string }>().nickname }
    }
    return { jar, get, login }
  }
  return { simulator, browser }
}

t.test('the same browser is the same person at every login, with a fresh code each time', async (t) => {
  const { browser } = await simulatorFor(t)
  const phone = browser()
  const first = await phone.login()
  t.equal(first.openid, `sim_${first.code}`, 'a new browser is a new person, named after its first code')
  t.equal(first.nickname, `模拟司机${first.code.slice(0, 8)}`)
  t.match(phone.jar.get(BROWSER_COOKIE), /^[0-9a-f]{32}$/, 'the simulator named the browser')
  const second = await phone.login()
  t.not(second.code, first.code, 'a new code')
  t.equal(second.openid, first.openid, 'for the same person')
  t.equal(second.nickname, first.nickname)

  const other = await browser().login()
  t.not(other.openid, first.openid, 'another browser is another person')
})

t.test('?as=<name> is someone else, and the browser stays them', async (t) => {
  const { browser, simulator } = await simulatorFor(t)
  const phone = browser()
  const own = await phone.login()
  const alice = await phone.login('alice')
  t.equal(alice.openid, 'sim_alice')
  t.equal(alice.nickname, '模拟司机alice')
  t.equal((await phone.login()).openid, 'sim_alice', 'the next login without ?as is alice too')
  t.equal((await browser().login('alice')).openid, 'sim_alice', 'another browser can be alice')
  t.not(own.openid, alice.openid)

  const page = await phone.get('/sim/person?as=bob')
  t.equal(page.statusCode, 200)
  t.match(page.body, /这个浏览器是 <b>bob<\/b>/)
  t.equal((await phone.login()).openid, 'sim_bob', 'the person page switches too')
  t.match((await browser().get('/sim/person')).body, /还没有登录过/, 'a new browser is nobody yet')

  const query = `appid=${APP_ID}&redirect_uri=https://example.com/cb&response_type=code&scope=snsapi_userinfo&state=s`
  const bad = await simulator.app.inject(
    { method: 'GET', url: `/connect/oauth2/authorize?${query}&as=${encodeURIComponent('<b>')}` }
  )
  t.equal(bad.statusCode, 400, 'a name is letters, digits, _ and -')
  t.equal((await phone.get('/sim/person?as=a%20b')).statusCode, 400)
})

t.test('codes nobody issued still log in as sim_<code>', async (t) => {
  const { simulator } = await simulatorFor(t)
  const url = `/sns/oauth2/access_token?appid=${APP_ID}&secret=${APP_SECRET}&code=driver42` +
    '&grant_type=authorization_code'
  t.match(
    (await simulator.app.inject({ method: 'GET', url })).json(),
    { openid: 'sim_driver42', unionid: 'sim_union_driver42' }
  )
})

t.test('with a data folder, the people outlive a restart', async (t) => {
  const dataDir = join(t.testdir(), 'simulators')
  const first = await simulatorFor(t, { dataDir })
  const phone = first.browser()
  const before = await phone.login()
  const other = first.browser()
  await other.login('carol')
  await first.simulator.close()
  t.equal(statSync(join(dataDir, WECHAT_STATE_FILE)).mode & 0o777, 0o600)

  const again = await simulatorFor(t, { dataDir })
  const returning = again.browser()
  for (const [name, value] of phone.jar) returning.jar.set(name, value)
  t.equal((await returning.login()).openid, before.openid, 'the browser is still the same person')
  const carol = again.browser()
  for (const [name, value] of other.jar) carol.jar.set(name, value)
  t.equal((await carol.login()).openid, 'sim_carol')
  t.not((await again.browser().login()).openid, before.openid, 'a new browser is still someone new')
})
