import t from 'tap'
import { signedPush, type PushMode } from '@driver/simulators/wechat'
import { build, SIM_APP_ID, type ResumesTest } from '../../../helper.js'

const TOKEN = 'resumesPushToken'
const AES_KEY = 'Q'.repeat(20) + 'w9'.repeat(11) + 'k'
const ENV = { WECHAT_PUSH_TOKEN: TOKEN, WECHAT_ENCODING_AES_KEY: AES_KEY }
const PROMOTERS = Array.from({ length: 8 }, (_, index) => `5f1d7c2e9a3b4c5d6e7f01${String(index).padStart(2, '0')}`)

const nowSeconds = () => Math.floor(Date.now() / 1000)

interface Push { mode?: PushMode, appId?: string, openid?: string, event?: string, key?: string, at?: number }

/** One push as WeChat sends it, through the service's own door (signed as the gateway forwards it). */
async function push (test: ResumesTest, options: Push = {}, tamper: (query: string) => string = (query) => query) {
  const { mode = 'safe', appId = SIM_APP_ID, openid = 'o_driver', event = 'subscribe', key = '' } = options
  const fields = {
    ToUserName: 'gh_1', FromUserName: openid, CreateTime: options.at ?? nowSeconds(), MsgType: 'event', Event: event,
    EventKey: key
  }
  const { query, body } = signedPush({ token: TOKEN, encodingAesKey: AES_KEY, appId, mode }, fields, nowSeconds())
  const answer = await test.inject({
    method: 'POST', url: `/wx/portal?${tamper(query)}`, user: null, headers: { 'content-type': 'text/xml' },
    payload: body
  })
  return { status: answer.statusCode, text: answer.body }
}

interface Follower { openid: string, subscribe?: number, relate_id?: string }
const follower = async (test: ResumesTest, openid = 'o_driver') =>
  await test.app.store.collection<Follower>('wx_user').findOne({ openid })

t.test('plain, compatible and safe mode pushes are all read', async (t) => {
  const test = await build(t, { env: ENV })
  for (const mode of ['plain', 'compatible', 'safe'] as const) {
    t.same(await push(test, { mode, openid: `o_${mode}` }), { status: 200, text: 'success' }, mode)
    t.match(await follower(test, `o_${mode}`), { subscribe: 1, subscribe_scene: 'ADD_SCENE_OTHERS' })
  }
  const text = await push(test, { event: 'ignored' })
  t.same(text, { status: 200, text: 'success' }, 'a message we do not handle is acknowledged')
})

t.test('a wrong signature, a wrong app id, an old timestamp or unreadable XML is refused and changes nothing',
  async (t) => {
    const test = await build(t, { env: ENV })
    const refused = [
      [await push(test, {}, (q) => q.replace(/msg_signature=[0-9a-f]/, 'msg_signature=z')), 403, 'SIGNATURE'],
      [await push(test, { mode: 'plain' }, (q) => q.replace(/(^|&)signature=[0-9a-f]/, '$1signature=z')), 403,
        'SIGNATURE'],
      [await push(test, {}, (q) => q.replace(/nonce=\d/, 'nonce=x')), 403, 'SIGNATURE'],
      [await push(test, { appId: 'wx-another-account' }), 400, 'UNREADABLE'],
      [await push(test, {}, (q) => q.replace(/timestamp=\d+/, `timestamp=${nowSeconds() - 3600}`)), 403,
        'STALE']
    ] as const
    for (const [answer, status, code] of refused) {
      t.same(answer, { status, text: `RESUMES_PUSH_${code}${code === 'SIGNATURE' ? '_INVALID' : ''}` })
    }
    t.equal(await follower(test), null, 'no follower recorded')
    const warnings = test.logs.filter((line) => line.includes('refused a WeChat push'))
    t.equal(warnings.length, refused.length, 'each refusal logged')
    t.notMatch(warnings.join('\n'), new RegExp(`${TOKEN}|${AES_KEY}`), 'without the token or key')
  })

t.test('an XML bomb is refused unread', async (t) => {
  const test = await build(t, { env: ENV })
  const { query } = signedPush({ token: TOKEN, appId: SIM_APP_ID, mode: 'plain' },
    { ToUserName: 'gh_1', FromUserName: 'o_1', CreateTime: 1 }, nowSeconds())
  const bomb = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>' +
    '<xml><FromUserName>&b;</FromUserName></xml>'
  const answer = await test.inject({
    method: 'POST', url: `/wx/portal?${query}`, user: null, headers: { 'content-type': 'text/xml' }, payload: bomb
  })
  t.same({ status: answer.statusCode, text: answer.body }, { status: 400, text: 'RESUMES_PUSH_UNREADABLE' })
})

t.test('scans of many approved QR codes at once relate the driver once, to one of them', async (t) => {
  const test = await build(t, { env: ENV, jitter: true })
  const users = test.app.store.collection<{ _id: string, role: number, checked: number }>('wx_user')
  for (const id of PROMOTERS) await users.insertOne({ _id: id, role: 2, checked: 2 })
  t.same(await push(test, { openid: 'o_racer', at: nowSeconds() - 30 }), { status: 200, text: 'success' })
  const answers = await Promise.all(PROMOTERS.map(async (scene, index) =>
    await push(test, { openid: 'o_racer', event: 'SCAN', key: scene, at: nowSeconds() - 20 + index })))
  t.same(new Set(answers.map(({ text }) => text)), new Set(['success']))
  const related = test.logs.filter((line) => line.includes('driver related to a sales person or agency'))
  t.equal(related.length, 1, 'one attribution')
  t.ok(PROMOTERS.includes((await follower(test, 'o_racer'))?.relate_id ?? ''), 'to one of the scanned codes')
  t.match(related[0], (await follower(test, 'o_racer'))?.relate_id ?? 'none', 'the one the store keeps')
})

t.test('a follow without a QR code takes WeChat\'s own scene, asked of media', async (t) => {
  const test = await build(t, { env: ENV })
  test.media.followScenes.set('o_card', 'ADD_SCENE_PROFILE_CARD')
  t.same(await push(test, { openid: 'o_card' }), { status: 200, text: 'success' })
  t.match(await follower(test, 'o_card'), { subscribe: 1, subscribe_scene: 'ADD_SCENE_PROFILE_CARD' })
  test.media.followScenes.set('o_qr', 'ADD_SCENE_SEARCH')
  await push(test, { openid: 'o_qr', key: `qrscene_${PROMOTERS[0] ?? ''}` })
  t.match(await follower(test, 'o_qr'), { subscribe_scene: 'ADD_SCENE_QR_CODE' }, 'a QR code is a QR code')
})

t.test('media out of reach: the follow is recorded all the same, its scene unknown, and a warning', async (t) => {
  const test = await build(t, { env: ENV, mediaDown: true })
  t.same(await push(test, { openid: 'o_lonely' }), { status: 200, text: 'success' })
  t.match(await follower(test, 'o_lonely'), { subscribe: 1, subscribe_scene: 'ADD_SCENE_OTHERS' })
  const warning = test.logs.find((line) => line.includes('media did not answer user/info'))
  t.match(JSON.parse(warning ?? '{}'), { level: 'warn', code: 'BUS_REQUEST_TIMEOUT' })
})
