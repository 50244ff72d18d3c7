import t from 'tap'
import { SIM_ACCOUNT_ID, signedPush } from '@driver/simulators/wechat'
import { browser, build, freePort, type TestPlatform } from './helper.js'

const PUSH = {
  WECHAT_PUSH_TOKEN: 'platformPushToken01', WECHAT_ENCODING_AES_KEY: 'Z'.repeat(10) + 'a1'.repeat(16) + 'b'
}
const SALES = '5f1d7c2e9a3b4c5d6e7f0001'
const AGENCY = '5f1d7c2e9a3b4c5d6e7f0002'
const APPLICANT = '5f1d7c2e9a3b4c5d6e7f0003'
const NOBODY = '5f1d7c2e9a3b4c5d6e7f00ff'

interface Follower {
  _id: string
  openid?: string
  subscribe?: number
  subscribe_scene?: string
  relate_id?: string
  relate_time?: Date
  nick_name?: string
}

/** The platform with WeChat's pushes on, and two approved promoters and an applicant set directly in the store. */
async function platformWithPromoters (t: Parameters<typeof build>[0]) {
  // A port known in advance: WeChat sends logins back to it.
  const test = await build(t, { env: PUSH, port: await freePort() })
  type Stored = Follower & { role?: number, checked?: number }
  const users = test.platform.services.resumes.store.collection<Stored>('wx_user')
  await users.insertOne({ _id: SALES, openid: 'sim_sales', role: 1, checked: 2 })
  await users.insertOne({ _id: AGENCY, openid: 'sim_agency', role: 2, checked: 2 })
  await users.insertOne({ _id: APPLICANT, openid: 'sim_applicant', role: 1, checked: 1 })
  const follower = async (openid: string) => await users.findOne({ openid })
  return { ...test, follower }
}

/** The request WeChat sends for one event, to send again as WeChat's retries do. */
function recorded (test: TestPlatform, openid: string, event: string, eventKey: string, at: number) {
  const fields = {
    ToUserName: SIM_ACCOUNT_ID, FromUserName: openid, CreateTime: at, MsgType: 'event', Event: event, EventKey: eventKey
  }
  const { query, body } = signedPush({
    token: PUSH.WECHAT_PUSH_TOKEN, encodingAesKey: PUSH.WECHAT_ENCODING_AES_KEY, appId: 'wx-simulated-app', mode: 'safe'
  }, fields, Math.floor(Date.now() / 1000))
  return async () => {
    const answer = await fetch(`${test.base}/wx/portal?${query}`, {
      method: 'POST', headers: { 'content-type': 'text/xml' }, body
    })
    return { status: answer.status, text: await answer.text() }
  }
}

t.test('a driver who follows through a sales person\'s QR code is theirs, and stays theirs', async (t) => {
  const test = await platformWithPromoters(t)
  const outcome = await test.wechat.push({ openid: 'sim_driver', event: 'subscribe', scene: SALES })
  t.same(outcome, { delivered: true, attempts: 1, status: 200, body: 'success' }, 'acknowledged at once')
  const followed = await test.follower('sim_driver')
  t.match(followed, { subscribe: 1, subscribe_scene: 'ADD_SCENE_QR_CODE', relate_id: SALES, relate_time: Date })

  await test.wechat.push({ openid: 'sim_driver', event: 'SCAN', scene: AGENCY })
  t.equal((await test.follower('sim_driver'))?.relate_id, SALES, 'a later QR code does not take the driver over')
  await test.wechat.push({ openid: 'sim_driver', event: 'unsubscribe' })
  t.match(await test.follower('sim_driver'), { subscribe: 0, relate_id: SALES }, 'unfollowing keeps the attribution')

  // The follower logs in on the H5 site later: the same user, not a second one.
  const driver = browser()
  const login = await driver.request(`${test.base}/wx/auth/login?redirect=/wx/self_info/view`)
  const authorize = new URL(login.headers.get('location') ?? '')
  authorize.searchParams.set('as', 'driver')
  await driver.open(authorize.toString())
  const view = await driver.request(`${test.base}/wx/self_info/view`)
  t.match(await view.json(), { message: 'success', data: { _id: followed?._id, relate_id: SALES } })
  const users = test.platform.services.resumes.store.collection('wx_user')
  t.equal(await users.countDocuments({ openid: 'sim_driver' }), 1, 'one user per openid')
})

t.test('a follow without a QR code, or through an unknown, unapproved or own code, relates no one', async (t) => {
  const test = await platformWithPromoters(t)
  await test.wechat.push({ openid: 'sim_plain', event: 'subscribe' })
  // WeChat's own word on how they came (media asks user/info), not a guess.
  t.match(await test.follower('sim_plain'), { subscribe: 1, subscribe_scene: 'ADD_SCENE_SEARCH' })
  const codes = [['sim_a', NOBODY], ['sim_b', APPLICANT], ['sim_c', 'not-an-id'], ['sim_sales', SALES]]
  for (const [openid, scene] of codes) {
    const outcome = await test.wechat.push({ openid: openid ?? '', event: 'subscribe', scene: scene ?? '' })
    t.equal(outcome.body, 'success', `${openid} acknowledged`)
    const user = await test.follower(openid ?? '')
    t.equal(user?.subscribe, 1)
    t.equal(user?.relate_id, undefined, `${openid} through ${scene} is nobody's`)
  }
  await test.wechat.push({ openid: 'sim_b', event: 'SCAN', scene: AGENCY })
  t.equal((await test.follower('sim_b'))?.relate_id, AGENCY, 'the first approved code counts, even a later scan')
})

t.test('a push WeChat sends again changes nothing twice, even after the follower moved on', async (t) => {
  const test = await platformWithPromoters(t)
  const at = Math.floor(Date.now() / 1000) - 60
  const follow = recorded(test, 'sim_retry', 'subscribe', `qrscene_${SALES}`, at)
  const answers = await Promise.all([follow(), follow(), follow()])
  t.same(answers, Array(3).fill({ status: 200, text: 'success' }), 'every copy acknowledged')
  t.equal(await test.platform.services.resumes.store.collection('wx_user').countDocuments({ openid: 'sim_retry' }), 1)
  await recorded(test, 'sim_retry', 'unsubscribe', '', at + 1)()
  t.same(await follow(), { status: 200, text: 'success' }, 'a late copy of the follow')
  t.match(await test.follower('sim_retry'), { subscribe: 0, relate_id: SALES }, 'is not applied again')
})

t.test('WeChat checks the server address through the gateway', async (t) => {
  const test = await platformWithPromoters(t)
  const fields = { ToUserName: SIM_ACCOUNT_ID, FromUserName: 'x', CreateTime: 1 }
  const { query } = signedPush({ token: PUSH.WECHAT_PUSH_TOKEN, appId: 'x', mode: 'plain' }, fields,
    Math.floor(Date.now() / 1000))
  const check = await fetch(`${test.base}/wx/portal?${query}&echostr=8745632190`)
  t.equal(check.status, 200)
  t.equal(await check.text(), '8745632190')
  const forged = await fetch(`${test.base}/wx/portal?${query.replace(/signature=[0-9a-f]/, 'signature=g')}&echostr=1`)
  t.equal(forged.status, 403)
  t.equal(await forged.text(), 'RESUMES_PUSH_SIGNATURE_INVALID')
})
