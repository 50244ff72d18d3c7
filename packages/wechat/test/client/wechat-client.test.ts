import t from 'tap'
import { CREDENTIALS_COLLECTION, createWechatClient, WechatError, type WechatClient } from '../../src/index.js'
import { SIM_JPEG, SIM_PNG, SIM_TEXT } from '@driver/simulators/wechat'
import { APP_ID, APP_SECRET, build, consume, rejection } from '../helper.js'

t.test('the access_token comes from WeChat once, then from the cache, and is stored with its expiry', async (t) => {
  const { simulator, store, client, clock } = await build(t)
  const wechat = client()
  const token = await wechat.accessToken()
  t.match(token, /^SIM_AT_/)
  t.equal(await wechat.accessToken(), token)
  t.equal(simulator.calls.token, 1)
  const stored = await store.collection(CREDENTIALS_COLLECTION).findOne({ _id: `access_token:${APP_ID}` })
  t.match(stored, { kind: 'access_token', appId: APP_ID, value: token })
  t.equal((stored?.expiresAt as Date).getTime(), clock.now + 7200_000)
  t.equal((stored?.refreshAt as Date).getTime(), clock.now + 7200_000 - 300_000, 'refreshed 300 s early by default')
  t.notOk('leaseHolder' in (stored ?? {}), 'the lease is released')

  t.equal(await client().accessToken(), token, 'another client on the store reads the stored token')
  t.equal(simulator.calls.token, 1)
})

t.test('a wrong app id or secret is WeChat’s error, with its errcode', async (t) => {
  const { client } = await build(t)
  t.match(await rejection(client({ secret: 'not-the-secret' }).accessToken()), {
    code: 'WECHAT_ERROR', errcode: 40125, api: '/cgi-bin/token'
  })
  t.match(await rejection(client({ appId: 'wx-other' }).accessToken()), { errcode: 40013 })
})

t.test('the jsapi_ticket comes from WeChat once, with the cached token', async (t) => {
  const { simulator, client } = await build(t)
  const wechat = client()
  const ticket = await wechat.jsapiTicket()
  t.match(ticket, /^SIM_TICKET_/)
  t.equal(await wechat.jsapiTicket(), ticket)
  t.equal(await client().jsapiTicket(), ticket, 'shared through the store')
  t.match(simulator.calls, { token: 1, ticket: 1 })
})

t.test('a temporary media is downloaded with WeChat’s type and length', async (t) => {
  const { simulator, client } = await build(t)
  const wechat = client()
  const cases: Array<[string, string, Buffer]> = [
    ['sim-server-id-1', 'image/jpeg', SIM_JPEG],
    ['sim-png-1', 'image/png', SIM_PNG],
    ['sim-text-1', 'image/jpeg', SIM_TEXT]
  ]
  for (const [mediaId, contentType, bytes] of cases) {
    const media = await wechat.downloadMedia(mediaId)
    t.equal(media.contentType, contentType, mediaId)
    t.equal(media.contentLength, bytes.length, mediaId)
    t.ok((await consume(media.body)).bytes.equals(bytes), mediaId)
  }
  t.match(simulator.calls, { token: 1, media: 3 })
})

t.test('WeChat’s refusal of a media id is a WechatError, as text/plain or JSON', async (t) => {
  const { client } = await build(t)
  const wechat = client()
  const unknown = await rejection(wechat.downloadMedia('8xFz-expired-server-id'))
  t.ok(unknown instanceof WechatError)
  t.match(unknown, { errcode: 40007, errmsg: /^invalid media_id/, api: '/cgi-bin/media/get' })
  t.match(await rejection(wechat.downloadMedia('sim-error-45009')), { errcode: 45009 })
  t.match(await rejection(wechat.downloadMedia('sim-big-3')), { errcode: 40007 }, 'a size no JPEG has')
})

t.test('a 5 MB media is consumed as a stream', async (t) => {
  const { client } = await build(t)
  const size = 5 * 1024 * 1024
  const media = await client().downloadMedia(`sim-big-${size}`)
  t.equal(media.contentLength, size)
  const { bytes, chunks, largestChunk } = await consume(media.body)
  t.equal(bytes.length, size)
  t.same([...bytes.subarray(0, 2)], [0xff, 0xd8], 'a JPEG’s start')
  t.same([...bytes.subarray(-2)], [0xff, 0xd9], 'and end')
  t.ok(chunks > 50, `arrived in ${chunks} chunks`)
  t.ok(largestChunk <= 1024 * 1024, `none larger than 1 MB (${largestChunk})`)
})

t.test('the token, the ticket and downloads need a store; OAuth does not', async (t) => {
  const { simulator } = await build(t)
  const wechat: WechatClient = createWechatClient({
    apiUrl: simulator.url, openUrl: simulator.url, appId: APP_ID, secret: APP_SECRET
  })
  t.teardown(wechat.close)
  await t.rejects(wechat.accessToken(), { name: 'TypeError', message: /needs the client's store/ })
  await t.rejects(wechat.jsapiTicket(), TypeError)
  await t.rejects(wechat.downloadMedia('sim-1'), TypeError)
  t.match(await wechat.exchangeCode('no-store-needed'), { openid: 'sim_no-store-needed' })
})

t.test('options are checked when the client is made', async (t) => {
  const base = { apiUrl: 'https://api.weixin.qq.com', openUrl: 'https://open.weixin.qq.com', appId: APP_ID, secret: APP_SECRET }
  t.throws(() => createWechatClient({ ...base, refreshMarginSeconds: 199 }), {
    name: 'RangeError', message: /at least 200/
  })
  t.throws(() => createWechatClient({ ...base, apiUrl: 'api.weixin.qq.com' }), RangeError)
  t.throws(() => createWechatClient({ ...base, timeoutMs: 0 }), RangeError)
  const client = createWechatClient({ ...base, refreshMarginSeconds: 200 })
  await client.close()
  await client.close()
  t.pass('close is idempotent')
})
