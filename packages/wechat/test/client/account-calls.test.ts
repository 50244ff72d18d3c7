import t from 'tap'
import { createWechatClient } from '../../src/index.js'
import { startRawServer } from '../fixtures/raw-server.js'
import { APP_ID, APP_SECRET, build, openTestStore, rejection } from '../helper.js'

t.test('a permanent QR code for a string scene, made with the shared token, is the same ticket again', async (t) => {
  const { simulator, client } = await build(t)
  const wechat = client()
  const code = await wechat.createQrCode({ scene: '0123456789abcdef01234567' })
  t.match(code, { ticket: /^gQ/, url: /\?scene=0123456789abcdef01234567$/ })
  t.notOk('expireSeconds' in code)
  t.equal(simulator.qrCodes.find(code.ticket)?.scene, '0123456789abcdef01234567')
  t.equal((await wechat.createQrCode({ scene: '0123456789abcdef01234567' })).ticket, code.ticket)
  t.equal(simulator.calls.token, 1, 'one token for both')
})

t.test('a temporary code says how long it lives', async (t) => {
  const { client } = await build(t)
  t.match(await client().createQrCode({ scene: 'tmp', expireSeconds: 300 }), { ticket: /^gQ/, expireSeconds: 300 })
})

t.test('a token WeChat refuses is renewed once and the code made with the new one', async (t) => {
  const { simulator, client } = await build(t)
  const wechat = client()
  await wechat.accessToken()
  simulator.invalidateToken()
  t.match(await wechat.createQrCode({ scene: 'after-invalidation' }), { ticket: /^gQ/ })
  t.equal(simulator.calls.token, 2)
})

t.test('user/info: a follower, with the QR code scene they came through', async (t) => {
  const server = await startRawServer((path) => path === '/cgi-bin/token'
    ? { status: 200, body: '{"access_token":"AT_1","expires_in":7200}' }
    : {
        status: 200,
        body: JSON.stringify({
          subscribe: 1, openid: 'o_follower', language: 'zh_CN', subscribe_time: 1_765_000_000, unionid: 'u_1',
          remark: '', groupid: 0, tagid_list: [], subscribe_scene: 'ADD_SCENE_QR_CODE', qr_scene: 0,
          qr_scene_str: '0123456789abcdef01234567'
        })
      })
  t.teardown(server.close)
  const store = await openTestStore(t)
  const wechat = createWechatClient({
    apiUrl: server.url, openUrl: server.url, appId: APP_ID, secret: APP_SECRET, store
  })
  t.teardown(wechat.close)
  t.same(await wechat.subscriberInfo('o_follower'), {
    openid: 'o_follower', subscribed: true, unionid: 'u_1', language: 'zh_CN', subscribeTime: 1_765_000_000,
    subscribeScene: 'ADD_SCENE_QR_CODE', qrSceneStr: '0123456789abcdef01234567'
  })
  t.match(server.received.at(-1), /^\/cgi-bin\/user\/info\?access_token=AT_1&openid=o_follower&lang=zh_CN$/)
})

t.test('user/info of someone who does not follow, and WeChat’s refusal', async (t) => {
  const server = await startRawServer((path) => path === '/cgi-bin/token'
    ? { status: 200, body: '{"access_token":"AT_1","expires_in":7200}' }
    : path === '/cgi-bin/user/info'
      ? { status: 200, body: '{"subscribe":0,"openid":"o_left"}' }
      : { status: 404, body: 'no' })
  t.teardown(server.close)
  const store = await openTestStore(t)
  const wechat = createWechatClient({
    apiUrl: server.url, openUrl: server.url, appId: APP_ID, secret: APP_SECRET, store
  })
  t.teardown(wechat.close)
  t.same(await wechat.subscriberInfo('o_left'), { openid: 'o_left', subscribed: false })

  const refusing = await startRawServer((path) => path === '/cgi-bin/token'
    ? { status: 200, body: '{"access_token":"AT_2","expires_in":7200}' }
    : { status: 200, body: '{"errcode":40003,"errmsg":"invalid openid"}' })
  t.teardown(refusing.close)
  const other = createWechatClient({
    apiUrl: refusing.url, openUrl: refusing.url, appId: 'wx-other-app', secret: APP_SECRET, store
  })
  t.teardown(other.close)
  t.match(await rejection(other.subscriberInfo('nobody')), { errcode: 40003, api: '/cgi-bin/user/info' })
})
