import t from 'tap'
import { SIMULATED_APP, wechatOrSimulator } from '../src/wechat-or-simulator.js'

t.test('outside production, without WECHAT_API_URL, the simulator runs and both WeChat URLs point at it', async (t) => {
  const chosen = await wechatOrSimulator({ NODE_ENV: 'development', DATA_DIR: t.testdir() })
  t.teardown(() => chosen.close())
  t.match(chosen.settings, {
    WECHAT_API_URL: /^http:\/\/127\.0\.0\.1:\d+$/,
    WECHAT_APPID: SIMULATED_APP.appId,
    WECHAT_SECRET: SIMULATED_APP.secret
  })
  t.equal(chosen.settings.WECHAT_OPEN_URL, chosen.settings.WECHAT_API_URL)
  t.equal(chosen.settings.WECHAT_MP_URL, chosen.settings.WECHAT_API_URL, 'QR code pictures are the simulator\'s too')
  const token = await (
    await fetch(
      `${chosen.settings.WECHAT_API_URL}/cgi-bin/token?grant_type=client_credential` +
        `&appid=${SIMULATED_APP.appId}&secret=${SIMULATED_APP.secret}`
    )
  ).json() as { access_token?: string }
  t.ok(token.access_token, 'it answers as WeChat')
})

t.test('a given app id and secret are the ones the simulator plays', async (t) => {
  const chosen = await wechatOrSimulator(
    { NODE_ENV: 'test', DATA_DIR: t.testdir(), WECHAT_APPID: 'wx-given', WECHAT_SECRET: 'given-secret' }
  )
  t.teardown(() => chosen.close())
  t.match(chosen.settings, { WECHAT_APPID: 'wx-given', WECHAT_SECRET: 'given-secret' })
  t.ok(chosen.simulator)
})

t.test('a WECHAT_API_URL in the environment, or production, means no simulator', async (t) => {
  const given = await wechatOrSimulator({ NODE_ENV: 'development', DATA_DIR: t.testdir(), WECHAT_API_URL: 'http://127.0.0.1:9/wechat' })
  t.same(given.settings, { WECHAT_API_URL: 'http://127.0.0.1:9/wechat', WECHAT_OPEN_URL: 'https://open.weixin.qq.com', WECHAT_MP_URL: 'https://mp.weixin.qq.com', WECHAT_APPID: undefined, WECHAT_SECRET: undefined })
  t.notOk(given.simulator)
  const production = await wechatOrSimulator(
    { NODE_ENV: 'production', DATA_DIR: t.testdir(), WECHAT_APPID: 'wx0123', WECHAT_SECRET: 's' }
  )
  t.same(production.settings, { WECHAT_API_URL: 'https://api.weixin.qq.com', WECHAT_OPEN_URL: 'https://open.weixin.qq.com', WECHAT_MP_URL: 'https://mp.weixin.qq.com', WECHAT_APPID: 'wx0123', WECHAT_SECRET: 's' })
  t.notOk(production.simulator)
})
