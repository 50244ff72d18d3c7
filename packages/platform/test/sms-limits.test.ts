import t from 'tap'
import { createSessionSigner } from '@driver/kit/session'
import { waitFor } from '@driver/testing'
import { build, type Answer, type TestPlatform } from './helper.js'

const USER_A = '64b7f0c2a1b2c3d4e5f60718'
const USER_B = '64b7f0c2a1b2c3d4e5f60719'
const phone = (n: number): string => `1371234${String(n).padStart(4, '0')}`
/** The gateway believes X-Forwarded-For from loopback, so a test can be many clients. */
const env = { TRUST_PROXY: '127.0.0.1' }

const IP_LIMIT = { msg: '该网络获取验证码过于频繁，请稍后再试', wx: 'SMS_IP_LIMIT' }
const BUDGET = { msg: '短信发送量已达平台上限，请稍后再试', wx: 'SMS_BUDGET_EXHAUSTED' }

/** The client `ip`'s requests, anonymous or with the session of `user`, through the gateway. */
function client (platform: TestPlatform, ip: string, user?: string) {
  const headers = async (): Promise<Record<string, string>> => ({
    'x-forwarded-for': ip,
    ...(user ? { cookie: `wx_session=${(await createSessionSigner(platform.keys.privateKey))({ sub: user })}` } : {})
  })
  return {
    captcha: async (loginName: string): Promise<Answer> =>
      await platform.send('GET', `/users/captcha?login_name=${loginName}&usage=1`, { headers: await headers() }),
    wx: async (path: 'get' | 'check', form: Record<string, string>): Promise<Answer> =>
      await platform.send('POST', `/wx/sms/${path}`, { json: form, headers: await headers() })
  }
}

/** How many codes the dev outbox shows for these phones. */
async function codesSent ({ base }: TestPlatform, phones: string[]): Promise<number> {
  const counts = await Promise.all(phones.map(async (to) =>
    ((await (await fetch(`${base}/dev/sms/outbox?phone=${to}`)).json()) as { data: unknown[] }).data.length))
  return counts.reduce((sum, n) => sum + n, 0)
}

t.test('an anonymous client cannot text number after number: /users/captcha and /wx/sms/get share ' +
  'its address\'s hourly sends', async (t) => {
  const platform = await build(t, { env: { ...env, SMS_IP_SENDS_PER_HOUR: '3' } })
  const pumper = client(platform, '203.0.113.5')
  for (let n = 1; n <= 3; n++) t.same(await pumper.captcha(phone(n)), { status: 200, body: { result: 1 } })
  for (let n = 4; n <= 8; n++) {
    t.same(
      await pumper.captcha(phone(n)),
      { status: 429, body: { result: 0, msg: IP_LIMIT.msg, code: 'IDENTITY_CAPTCHA_LIMITED' } },
      `code ${n} is refused`
    )
  }
  t.same(
    await client(platform, '203.0.113.5', USER_A).wx('get', { phone: phone(9) }),
    { status: 200, body: { message: IP_LIMIT.msg, code: IP_LIMIT.wx } },
    'the same address with a WeChat session is refused too, in the /wx envelope'
  )
  t.equal(await codesSent(platform, Array.from({ length: 9 }, (_, i) => phone(i + 1))), 3, 'three texts in all')
  t.same(await client(platform, '203.0.113.6').captcha(phone(4)), { status: 200, body: { result: 1 } },
    'another address is not affected')
})

t.test('the platform\'s hourly SMS budget holds under concurrent requests from many addresses', async (t) => {
  const platform = await build(t, { env: { ...env, SMS_SENDS_PER_HOUR: '4' } })
  const phones = Array.from({ length: 16 }, (_, i) => phone(i))
  const answers = await Promise.all(phones.map(async (to, i) => {
    const from = client(platform, `198.51.100.${i + 1}`, USER_A)
    return i % 2 === 0 ? await from.captcha(to) : await from.wx('get', { phone: to })
  }))
  const sent = answers.filter(({ body }) => body.result === 1 || body.message === 'success')
  t.equal(sent.length, 4, 'exactly the budget is sent')
  t.equal(await codesSent(platform, phones), 4, 'and only that reaches the provider')
  for (const [i, answer] of answers.entries()) {
    if (sent.includes(answer)) continue
    t.same(answer, i % 2 === 0
      ? { status: 429, body: { result: 0, msg: BUDGET.msg, code: 'IDENTITY_CAPTCHA_LIMITED' } }
      : { status: 200, body: { message: BUDGET.msg, code: BUDGET.wx } }, `request ${i} is refused clearly`)
  }
})

t.test('a /wx code belongs to the WeChat user who asked for it: another user can neither lock nor use it',
  async (t) => {
    const platform = await build(t, { env })
    const users = platform.platform.services.resumes.store.collection<{ _id: string, phone?: string }>('wx_user')
    await users.insertOne({ _id: USER_A })
    await users.insertOne({ _id: USER_B })
    const a = client(platform, '203.0.113.7', USER_A)
    const b = client(platform, '203.0.113.8', USER_B)
    const PHONE = phone(1)

    t.same(await a.wx('get', { phone: PHONE }), { status: 200, body: { message: 'success' } })
    const outbox = await (await fetch(`${platform.base}/dev/sms/outbox?phone=${PHONE}`)).json() as {
      data: Array<{ code: string }>
    }
    const code = outbox.data[0]?.code ?? ''
    const wrong = code === '000000' ? '000001' : '000000'
    for (let i = 1; i <= 5; i++) {
      t.same(await b.wx('check', { phone: PHONE, code: wrong }), {
        status: 200, body: { message: '验证码错误', code: 'SMS_CODE_WRONG' }
      }, `B's wrong check ${i}`)
    }
    t.same(await b.wx('check', { phone: PHONE, code }), {
      status: 200, body: { message: '验证码错误', code: 'SMS_CODE_WRONG' }
    }, 'B cannot verify with A\'s code')
    t.same(await a.wx('check', { phone: PHONE, code }), { status: 200, body: { message: 'success' } },
      'A\'s code was neither locked nor used by B')

    await waitFor('the phone bound to A', async () => (await users.findOne({ _id: USER_A }))?.phone === PHONE, 5_000)
    t.equal((await users.findOne({ _id: USER_B }))?.phone, undefined, 'B has no phone')
  })
