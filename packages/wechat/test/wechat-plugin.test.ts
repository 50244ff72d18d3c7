import t from 'tap'
import Fastify from 'fastify'
import { wechatPlugin } from '../src/index.js'
import { APP_ID, APP_SECRET, build, rejection } from './helper.js'

t.test('without a client, app.wechat is made from the WECHAT_* values and caches on the given store', async (t) => {
  const { simulator, store } = await build(t)
  const app = Fastify()
  t.teardown(() => app.close())
  const config = {
    WECHAT_API_URL: simulator.url, WECHAT_OPEN_URL: simulator.url, WECHAT_APPID: APP_ID, WECHAT_SECRET: APP_SECRET
  }
  await app.register(wechatPlugin, { config, store })
  await app.ready()
  const authorize = new URL(app.wechat.authorizeUrl({ redirectUri: 'https://example.com/cb', state: 'a' }))
  t.equal(authorize.origin, simulator.url, 'the authorize page is WECHAT_OPEN_URL\'s')
  t.equal(authorize.searchParams.get('appid'), APP_ID)
  t.match(await app.wechat.accessToken(), /^SIM_AT_/)
  t.equal(simulator.calls.token, 1)
})

t.test('the client it made is closed with the app', async (t) => {
  const { simulator } = await build(t)
  const app = Fastify()
  const config = {
    WECHAT_API_URL: simulator.url, WECHAT_OPEN_URL: simulator.url, WECHAT_APPID: APP_ID, WECHAT_SECRET: APP_SECRET
  }
  await app.register(wechatPlugin, { config })
  await app.ready()
  const { wechat } = app
  await app.close()
  t.ok(await rejection(wechat.exchangeCode('any-code')), 'a call after the close fails')
  t.equal(simulator.calls.oauthToken, 0, 'and never reaches WeChat')
})

t.test('a client handed in is app.wechat as it is, and stays open when the app closes', async (t) => {
  const { client } = await build(t)
  const given = client()
  const app = Fastify()
  const config = { WECHAT_API_URL: 'https://api.weixin.qq.com', WECHAT_OPEN_URL: 'https://open.weixin.qq.com' }
  await app.register(wechatPlugin, { config, client: given })
  await app.ready()
  t.equal(app.wechat, given)
  await app.close()
  t.match(await given.accessToken(), /^SIM_AT_/, 'its owner may still use it')
})
