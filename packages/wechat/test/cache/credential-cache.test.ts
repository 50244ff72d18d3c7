import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { credentialRecords, type CredentialDocument } from '../../src/cache/credential-records.js'
import { CREDENTIALS_COLLECTION, WechatError, WechatTransportErrcode, type WechatClient } from '../../src/index.js'
import { startRawServer } from '../fixtures/raw-server.js'
import { APP_ID, build, consume, rejection } from '../helper.js'

const TOKEN_ID = `access_token:${APP_ID}`

/** Downloads and reads `count` small media at once through `client`. */
async function downloadsAtOnce (client: WechatClient, count: number): Promise<number> {
  const sizes = await Promise.all(Array.from({ length: count }, async (_, index) => {
    const media = await client.downloadMedia(`sim-${index}`)
    return (await consume(media.body)).bytes.length
  }))
  return sizes.filter((size) => size > 0).length
}

t.test('50 concurrent downloads without a token cause one token fetch', async (t) => {
  const { simulator, client } = await build(t, { latencyMs: 20 })
  t.equal(await downloadsAtOnce(client(), 50), 50)
  t.match(simulator.calls, { token: 1, media: 50 })
})

t.test('50 concurrent downloads with an expired token cause one token fetch', async (t) => {
  const { simulator, client, clock } = await build(t, { latencyMs: 20 })
  const wechat = client()
  await wechat.accessToken()
  clock.now += 7200_000
  t.equal(await downloadsAtOnce(wechat, 50), 50)
  t.match(simulator.calls, { token: 2, media: 50 })
})

t.test('two client instances on one store, 25 concurrent downloads each: one token fetch', async (t) => {
  const { simulator, client } = await build(t, { latencyMs: 20 })
  const [first, second] = [client(), client()]
  const done = await Promise.all([downloadsAtOnce(first, 25), downloadsAtOnce(second, 25)])
  t.same(done, [25, 25])
  t.match(simulator.calls, { token: 1, media: 50 })
})

t.test('ten client instances asking for the ticket at once: one token fetch, one ticket fetch', async (t) => {
  const { simulator, client } = await build(t, { latencyMs: 20 })
  const clients = Array.from({ length: 10 }, () => client())
  const tickets = await Promise.all(clients.flatMap((wechat) => [wechat.jsapiTicket(), wechat.jsapiTicket()]))
  t.equal(new Set(tickets).size, 1)
  t.match(simulator.calls, { token: 1, ticket: 1 })
})

t.test('a token WeChat invalidates mid-flight: one refresh, one retry, success', async (t) => {
  const { simulator, client } = await build(t, { latencyMs: 10 })
  const wechat = client()
  const before = await wechat.accessToken()
  simulator.invalidateToken()
  t.equal(await downloadsAtOnce(wechat, 50), 50)
  t.equal(simulator.calls.token, 2, 'one refresh for all 50')
  t.equal(simulator.calls.media, 100, 'each download refused once and retried once')
  t.not(await wechat.accessToken(), before)
})

t.test('a token WeChat holds expired (42001) before our clock says so: one refresh, one retry, success', async (t) => {
  // WeChat's clock runs ahead of ours: the stored token looks fresh here and is expired there.
  const wechatClock = { now: Date.now() }
  const { simulator, client } = await build(t, { clock: () => wechatClock.now })
  const wechat = client()
  const before = await wechat.accessToken()
  wechatClock.now += 7200_000
  t.equal(await downloadsAtOnce(wechat, 20), 20)
  t.equal(simulator.calls.token, 2, 'one refresh for all 20')
  t.equal(simulator.calls.media, 40, 'each download refused once (42001) and retried once')
  t.not(await wechat.accessToken(), before)
})

t.test('a stored token WeChat cannot read (40014): one refresh, one retry, success', async (t) => {
  const { simulator, store, client } = await build(t)
  const wechat = client()
  await wechat.accessToken()
  await store.collection<CredentialDocument>(CREDENTIALS_COLLECTION)
    .updateOne({ _id: TOKEN_ID }, { $set: { value: 'not a token WeChat issued' } })
  const other = client()
  t.equal(await downloadsAtOnce(other, 20), 20)
  t.equal(simulator.calls.token, 2, 'one refresh for all 20')
  t.equal(simulator.calls.media, 40, 'each download refused once (40014) and retried once')
  t.match(await other.accessToken(), /^SIM_AT_/)
})

t.test('a refusal of a token another instance already replaced leaves the new token alone', async (t) => {
  const { simulator, store, client } = await build(t)
  const [first, second] = [client(), client()]
  const old = await first.accessToken()
  t.equal(await second.accessToken(), old)
  simulator.invalidateToken()
  await consume((await second.downloadMedia('sim-1')).body)
  const replaced = await store.collection<CredentialDocument>(CREDENTIALS_COLLECTION).findOne({ _id: TOKEN_ID })
  t.not(replaced?.value, old)

  // The first instance still holds the old token in memory: refused, it finds the new one in the store.
  await consume((await first.downloadMedia('sim-2')).body)
  const after = await store.collection<CredentialDocument>(CREDENTIALS_COLLECTION).findOne({ _id: TOKEN_ID })
  t.same(after, replaced, 'the stored token was not expired by the stale refusal')
  t.equal(simulator.calls.token, 2)
  t.equal(await first.accessToken(), replaced?.value)
})

t.test('the compare-and-set expires a token only while it is the stored one', async (t) => {
  const { store, client } = await build(t)
  const token = await client().accessToken()
  const records = credentialRecords(store)
  t.equal(await records.expireValue(TOKEN_ID, 'SIM_AT_some-older-token'), false)
  const untouched = await records.read(TOKEN_ID)
  t.equal(untouched?.value, token)
  t.ok((untouched?.refreshAt?.getTime() ?? 0) > Date.now(), 'still fresh')
  t.equal(await records.expireValue(TOKEN_ID, token), true)
  t.same((await records.read(TOKEN_ID))?.refreshAt, new Date(0))
})

t.test('a token is refreshed once the clock is within the refresh margin of its expiry', async (t) => {
  const { simulator, client, clock } = await build(t)
  const start = clock.now
  const wechat = client()
  const token = await wechat.accessToken()
  clock.now = start + 7200_000 - 301_000
  t.equal(await wechat.accessToken(), token, '301 s before expiry: still good')
  clock.now = start + 7200_000 - 250_000
  t.not(await wechat.accessToken(), token, '250 s before expiry: refreshed')
  t.equal(simulator.calls.token, 2)
})

t.test('with the smallest margin, a token is still refreshed 200 s before its expiry', async (t) => {
  const { simulator, client, clock } = await build(t)
  const start = clock.now
  const wechat = client({ refreshMarginSeconds: 200 })
  const token = await wechat.accessToken()
  clock.now = start + 7200_000 - 201_000
  t.equal(await wechat.accessToken(), token)
  clock.now = start + 7200_000 - 199_000
  t.not(await wechat.accessToken(), token)
  t.equal(simulator.calls.token, 2)
})

t.test('a lease whose holder died is taken over once it runs out', async (t) => {
  const { simulator, store, client, clock, logs } = await build(t)
  await store.collection<CredentialDocument>(CREDENTIALS_COLLECTION).insertOne({
    _id: TOKEN_ID,
    kind: 'access_token',
    appId: APP_ID,
    leaseHolder: 'crashed-host:1234:abcd/1',
    leaseUntil: new Date(clock.now + 30_000)
  })
  const waiting = client().accessToken()
  await sleep(200)
  t.equal(simulator.calls.token, 0, 'waiting for the holder, not calling WeChat')
  clock.now += 30_001
  t.match(await waiting, /^SIM_AT_/)
  t.equal(simulator.calls.token, 1)
  t.ok(logs.some((line) => line.includes('taking over the WeChat access_token refresh')))
})

t.test('waiting for a refresh that never ends gives up with a timeout', async (t) => {
  const { simulator, store, client, clock } = await build(t)
  await store.collection<CredentialDocument>(CREDENTIALS_COLLECTION).insertOne({
    _id: TOKEN_ID,
    kind: 'access_token',
    appId: APP_ID,
    leaseHolder: 'slow-host:1:abcd/1',
    leaseUntil: new Date(clock.now + 3600_000)
  })
  const error = await rejection(client({ timeoutMs: 50 }).accessToken())
  t.ok(error instanceof WechatError)
  t.match(error, { errcode: WechatTransportErrcode.timeout, errmsg: /waited \d+ ms for another refresh/ })
  t.equal(simulator.calls.token, 0)
})

t.test('a failed refresh fails the instances waiting on it, without calls of their own', async (t) => {
  const { simulator, client } = await build(t, { latencyMs: 300 })
  const clients = Array.from({ length: 4 }, () => client({ secret: 'a-wrong-secret' }))
  const errors = await Promise.all(clients.map((wechat) => rejection(wechat.accessToken())))
  for (const error of errors) t.match(error, { errcode: 40125 })
  t.equal(simulator.calls.token, 1)
})

t.test('the ticket fetched with a token WeChat refuses: ' +
  'the token is renewed and the ticket fetch retried once', async (t) => {
  const { simulator, client } = await build(t)
  const wechat = client()
  await wechat.accessToken()
  simulator.invalidateToken()
  t.match(await wechat.jsapiTicket(), /^SIM_TICKET_/)
  t.match(simulator.calls, { token: 2, ticket: 2 })
})

t.test('a download refused again after the renewal fails: one retry, never more', async (t) => {
  const token = () => `{"access_token":"SIM_AT_${Math.random()}","expires_in":7200}`
  const wechat = await startRawServer((path) => path === '/cgi-bin/token'
    ? { status: 200, contentType: 'application/json', body: token() }
    : { status: 200, contentType: 'text/plain', body: '{"errcode":40001,"errmsg":"invalid credential"}' })
  t.teardown(wechat.close)
  const { client } = await build(t)
  const error = await rejection(client({ apiUrl: wechat.url }).downloadMedia('sim-1'))
  t.match(error, { errcode: 40001, api: '/cgi-bin/media/get' })
  t.same(wechat.received.map((url) => url.split('?')[0]), [
    '/cgi-bin/token', '/cgi-bin/media/get', '/cgi-bin/token', '/cgi-bin/media/get'
  ])
})
