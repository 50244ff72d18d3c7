import t, { type Test } from 'tap'
import { buildWechatSimulator, type WechatSimulatorOptions } from '../../src/wechat/index.js'
import { readQrCode } from '@driver/testing'
import { APP_ID, APP_SECRET } from '../helper.js'

async function simulatorFor (t: Test, options: Partial<WechatSimulatorOptions> = {}) {
  const simulator = await buildWechatSimulator({ appId: APP_ID, secret: APP_SECRET, ...options })
  t.teardown(simulator.close)
  const tokenAnswer = await simulator.app.inject({
    method: 'GET', url: `/cgi-bin/token?grant_type=client_credential&appid=${APP_ID}&secret=${APP_SECRET}`
  })
  const token = tokenAnswer.json<{ access_token: string }>().access_token
  const create = async (body: object, accessToken = token) => (await simulator.app.inject({
    method: 'POST', url: `/cgi-bin/qrcode/create?access_token=${accessToken}`, payload: body
  })).json<{ ticket?: string, url?: string, expire_seconds?: number, errcode?: number }>()
  const show = async (ticket: string) =>
    await simulator.app.inject({ method: 'GET', url: `/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}` })
  return { simulator, create, show }
}

const permanent = (scene: string) =>
  ({ action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: scene } } })

t.test('a permanent code for a scene is one ticket, shown as a PNG that holds the scene', async (t) => {
  const { simulator, create, show } = await simulatorFor(t)
  const scene = '0123456789abcdef01234567'
  const made = await create(permanent(scene))
  t.match(made, { ticket: /^gQ/, url: /\/q\/.+\?scene=0123456789abcdef01234567$/ })
  t.notOk('expire_seconds' in made, 'a permanent code does not expire')
  t.equal((await create(permanent(scene))).ticket, made.ticket, 'asked again: the same ticket')

  const shown = await show(made.ticket ?? '')
  t.equal(shown.statusCode, 200)
  t.equal(shown.headers['content-type'], 'image/png')
  t.equal(readQrCode(shown.rawPayload), made.url, 'the picture holds the URL the create answer gave')
  t.equal(simulator.qrCodes.find(made.ticket ?? '')?.scene, scene, 'the ticket is remembered with its scene')
})

t.test('a temporary code expires; an unknown ticket shows nothing', async (t) => {
  const clock = { now: Date.now() }
  const { create, show } = await simulatorFor(t, { clock: () => clock.now })
  const temporary = await create({
    action_name: 'QR_STR_SCENE', expire_seconds: 120, action_info: { scene: { scene_str: 'x' } }
  })
  t.match(temporary, { ticket: /^gQ/, expire_seconds: 120 })
  t.equal((await show(temporary.ticket ?? '')).statusCode, 200)
  clock.now += 121_000
  t.equal((await show(temporary.ticket ?? '')).statusCode, 404, 'expired')
  t.equal((await show('gQnot-a-ticket')).statusCode, 404)
})

t.test('the token is checked and bad requests get WeChat’s errcodes', async (t) => {
  const { create } = await simulatorFor(t)
  t.match(await create(permanent('a'), 'SIM_not_a_real_token_at_all_x'), { errcode: 40001 })
  t.match(await create(permanent('')), { errcode: 40097 })
  t.match(await create(permanent('x'.repeat(65))), { errcode: 40097 })
  t.match(await create({ action_name: 'QR_SCENE', action_info: { scene: { scene_id: 1 } } }), { errcode: 40097 })
})

t.test('permanent codes outlive a restart with a data folder', async (t) => {
  const dataDir = t.testdir()
  const first = await simulatorFor(t, { dataDir })
  const made = await first.create(permanent('kept'))
  await first.simulator.close()
  const second = await simulatorFor(t, { dataDir })
  t.equal((await second.create(permanent('kept'))).ticket, made.ticket)
  t.equal((await second.show(made.ticket ?? '')).statusCode, 200)
})
