import t, { type Test } from 'tap'
import {
  buildWechatSimulator, SIM_JPEG, SIM_PNG, SIM_TEXT, startWechatSimulator, type WechatSimulatorOptions
} from '../../src/wechat/index.js'
import { APP_ID, APP_SECRET } from '../helper.js'

async function simulatorFor (t: Test, options: Partial<WechatSimulatorOptions> = {}) {
  const simulator = await buildWechatSimulator({ appId: APP_ID, secret: APP_SECRET, ...options })
  t.teardown(simulator.close)
  const get = async (url: string) => await simulator.app.inject({ method: 'GET', url })
  const token = async () =>
    (await get(`/cgi-bin/token?grant_type=client_credential&appid=${APP_ID}&secret=${APP_SECRET}`)).json<{
      access_token: string,
      expires_in: number
    }>()
  return { simulator, get, token }
}

t.test('/cgi-bin/token answers a token for the account’s app id and secret only, with WeChat’s errcodes', async (t) => {
  const { simulator, get, token } = await simulatorFor(t, { tokenTtlSeconds: 600 })
  const answer = await token()
  t.match(answer, { access_token: /^SIM_AT_[A-Za-z0-9_-]{32}$/, expires_in: 600 })
  const cases: Array<[string, number]> = [
    [`grant_type=password&appid=${APP_ID}&secret=${APP_SECRET}`, 40002],
    [`grant_type=client_credential&secret=${APP_SECRET}`, 41002],
    [`grant_type=client_credential&appid=wx-other&secret=${APP_SECRET}`, 40013],
    [`grant_type=client_credential&appid=${APP_ID}`, 41004],
    [`grant_type=client_credential&appid=${APP_ID}&secret=wrong`, 40125]
  ]
  for (const [query, errcode] of cases) {
    const refused = await get(`/cgi-bin/token?${query}`)
    t.equal(refused.statusCode, 200, 'WeChat answers its errors with 200')
    t.match(refused.json(), { errcode, errmsg: / rid: [0-9a-f]{8}-[0-9a-f]{8}$/ }, query)
  }
  t.equal(simulator.calls.token, 6)
})

t.test('tokens expire, can be invalidated, and a replaced one works five more minutes', async (t) => {
  const clock = { now: Date.now() }
  const { simulator, get, token } = await simulatorFor(t, { clock: () => clock.now })
  const ticketWith = async (accessToken: string) =>
    (await get(`/cgi-bin/ticket/getticket?access_token=${accessToken}&type=jsapi`)).json<Record<string, unknown>>()

  const first = (await token()).access_token
  t.match(await ticketWith(first), { errcode: 0, errmsg: 'ok', ticket: /^SIM_TICKET_/, expires_in: 7200 })
  const second = (await token()).access_token
  clock.now += 299_000
  t.match(await ticketWith(first), { errcode: 0 }, 'replaced, still good for five minutes')
  clock.now += 2000
  t.match(await ticketWith(first), { errcode: 42001 }, 'then expired')
  t.match(await ticketWith(second), { errcode: 0 })

  simulator.invalidateToken()
  t.match(await ticketWith(second), { errcode: 40001 })
  const third = (await token()).access_token
  t.match(await ticketWith(third), { errcode: 0 }, 'a token fetched after the invalidation works')
  clock.now += 7200_000
  t.match(await ticketWith(third), { errcode: 42001 })

  t.match(await ticketWith('not-a-token'), { errcode: 40014 })
  t.match(await ticketWith(''), { errcode: 41001 })
  t.match(
    (await get(`/cgi-bin/ticket/getticket?access_token=${(await token()).access_token}&type=wx_card`)).json(),
    { errcode: 40097 }
  )
})

t.test('media/get: each kind of sim- id, and WeChat’s refusals', async (t) => {
  const { simulator, get, token } = await simulatorFor(t)
  const accessToken = (await token()).access_token
  const media = (id: string) => get(`/cgi-bin/media/get?access_token=${accessToken}&media_id=${encodeURIComponent(id)}`)

  const jpeg = await media('sim-anything at all')
  t.equal(jpeg.headers['content-type'], 'image/jpeg')
  t.equal(jpeg.headers['content-disposition'], 'attachment; filename="sim-anything_at_all.jpg"')
  t.ok(jpeg.rawPayload.equals(SIM_JPEG))
  const png = await media('sim-png-1')
  t.equal(png.headers['content-type'], 'image/png')
  t.ok(png.rawPayload.equals(SIM_PNG))
  const text = await media('sim-text-1')
  t.equal(text.headers['content-type'], 'image/jpeg', 'labelled as an image')
  t.ok(text.rawPayload.equals(SIM_TEXT))
  const big = await media('sim-big-100000')
  t.equal(big.headers['content-length'], '100000')
  t.equal(big.rawPayload.length, 100_000)

  const unknown = await media('MEDIA_ID_never_uploaded')
  t.equal(unknown.headers['content-type'], 'text/plain', 'as WeChat labels it')
  t.match(unknown.json(), { errcode: 40007, errmsg: /^invalid media_id/ })
  for (const id of [
    'sim-big-3',
    'sim-big-x',
    `sim-big-${2 ** 31}`
  ]) t.match((await media(id)).json(), { errcode: 40007 }, id)
  const chosen = await media('sim-error-45009')
  t.match(chosen.headers['content-type'], /^application\/json/)
  t.match(chosen.json(), { errcode: 45009 })
  t.match((await get(`/cgi-bin/media/get?access_token=${accessToken}`)).json(), { errcode: 41007 })
  t.match(
    (await get('/cgi-bin/media/get?access_token=SIM_AT_unknown0000000000000000&media_id=sim-1')).json(),
    { errcode: 40001 }
  )
  t.equal(simulator.calls.media, 11)
})

t.test('the test hooks over HTTP: invalidate the token, read the counts', async (t) => {
  const simulator = await startWechatSimulator({ appId: APP_ID, secret: APP_SECRET })
  t.teardown(simulator.close)
  t.match(simulator.url, /^http:\/\/127\.0\.0\.1:\d+$/)
  const tokenUrl = `${simulator.url}/cgi-bin/token?grant_type=client_credential&appid=${APP_ID}&secret=${APP_SECRET}`
  const { access_token: accessToken } = await (await fetch(tokenUrl)).json() as { access_token: string }
  t.same(await (await fetch(`${simulator.url}/sim/invalidate-token`, { method: 'POST' })).json(), { invalidated: 1 })
  const refused = await (
    await fetch(`${simulator.url}/cgi-bin/media/get?access_token=${accessToken}&media_id=sim-1`)
  ).json()
  t.match(refused, { errcode: 40001 })
  t.same(
    await (await fetch(`${simulator.url}/sim/calls`)).json(),
    { token: 1, ticket: 0, media: 1, oauthToken: 0, oauthRefresh: 0, userInfo: 0, authorize: 0, followerInfo: 0 }
  )
})
