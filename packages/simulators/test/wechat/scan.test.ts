import Fastify from 'fastify'
import t, { type Test } from 'tap'
import { readQrCode } from '@driver/testing'
import { startWechatSimulator } from '../../src/wechat/index.js'
import { APP_ID, APP_SECRET } from '../helper.js'

const SCENE = '5f1d7c2e9a3b4c5d6e7f0001'

/** The account's server address: every push it receives, as the XML fields that matter here (plain mode). */
async function receiver (t: Test) {
  const received: Array<{ from: string, event: string, key: string }> = []
  const app = Fastify({ forceCloseConnections: true })
  app.addContentTypeParser('text/xml', { parseAs: 'string' }, (_request, body, done) => { done(null, body) })
  app.post('/wx/portal', async (request) => {
    const field = (name: string) => new RegExp(`<${name}><!\\[CDATA\\[([^\\]]*)\\]\\]>`).exec(String(request.body))?.[1]
    received.push({ from: field('FromUserName') ?? '', event: field('Event') ?? '', key: field('EventKey') ?? '' })
    return 'success'
  })
  const url = `${await app.listen({ host: '127.0.0.1', port: 0 })}/wx/portal`
  t.teardown(() => app.close())
  return { url, received }
}

/** A simulator pushing to a receiver, with a clock, and a QR code's URL read from its picture. */
async function scanning (t: Test, expireSeconds?: number) {
  const { url, received } = await receiver(t)
  const clock = { now: Date.now() }
  const simulator = await startWechatSimulator({
    appId: APP_ID, secret: APP_SECRET, push: { token: 'simScanToken', url }, clock: () => clock.now
  })
  t.teardown(simulator.close)
  const { access_token: token } = await (await fetch(
    `${simulator.url}/cgi-bin/token?grant_type=client_credential&appid=${APP_ID}&secret=${APP_SECRET}`
  )).json() as { access_token: string }
  const action = expireSeconds === undefined
    ? { action_name: 'QR_LIMIT_STR_SCENE' }
    : { action_name: 'QR_STR_SCENE', expire_seconds: expireSeconds }
  const created = await (await fetch(`${simulator.url}/cgi-bin/qrcode/create?access_token=${token}`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...action, action_info: { scene: { scene_str: SCENE } } })
  })).json() as { ticket: string }
  const picture = await fetch(`${simulator.url}/cgi-bin/showqrcode?ticket=${encodeURIComponent(created.ticket)}`)
  const codeUrl = readQrCode(Buffer.from(await picture.arrayBuffer())) ?? ''
  return { simulator, received, clock, codeUrl }
}

/** A phone's browser: keeps the simulator's cookie. */
function phone () {
  let cookie = ''
  return async (url: string) => {
    const answer = await fetch(url, { headers: cookie === '' ? {} : { cookie }, redirect: 'manual' })
    const set = answer.headers.get('set-cookie')
    if (set !== null) cookie = set.split(';')[0] ?? ''
    return { status: answer.status, text: await answer.text(), location: answer.headers.get('location') }
  }
}

t.test('scanning a code\'s URL follows the account through it, then scans again', async (t) => {
  const { received, codeUrl } = await scanning(t)
  const open = phone()
  const first = await open(codeUrl)
  t.equal(first.status, 200)
  t.match(first.text, '关注成功')
  t.equal(received.length, 1, 'one push')
  const [follow] = received
  t.match(follow, { from: /^sim_[0-9a-f]{32}$/, event: 'subscribe', key: `qrscene_${SCENE}` })
  const again = await open(codeUrl)
  t.match(again.text, '已关注')
  t.same(received[1], { from: follow?.from, event: 'SCAN', key: SCENE }, 'the same person scans again')

  const other = await phone()(`${codeUrl}&as=fleet_2`)
  t.match(other.text, '关注成功')
  t.same(received[2], { from: 'sim_fleet_2', event: 'subscribe', key: `qrscene_${SCENE}` }, '?as= names the person')
})

t.test('the person who logged in on a browser is the one who scans with it', async (t) => {
  const { simulator, received, codeUrl } = await scanning(t)
  const open = phone()
  const authorize = await open(`${simulator.url}/connect/oauth2/authorize?appid=${APP_ID}` +
    '&redirect_uri=http%3A%2F%2Fsite.test%2Fcb&response_type=code&scope=snsapi_base&state=s')
  const code = new URL(authorize.location ?? '').searchParams.get('code')
  const login = await (await fetch(`${simulator.url}/sns/oauth2/access_token?appid=${APP_ID}&secret=${APP_SECRET}` +
    `&code=${code ?? ''}&grant_type=authorization_code`)).json() as { openid: string }
  await open(codeUrl)
  t.equal(received[0]?.from, login.openid)
})

t.test('an unknown or expired ticket is 404 and pushes nothing', async (t) => {
  const { simulator, received, clock, codeUrl } = await scanning(t, 60)
  t.equal((await phone()(`${simulator.url}/q/gQunknown?scene=${SCENE}`)).status, 404)
  clock.now += 61_000
  const expired = await phone()(codeUrl)
  t.equal(expired.status, 404)
  t.match(expired.text, '二维码已失效')
  t.same(received, [], 'nothing pushed')
})
