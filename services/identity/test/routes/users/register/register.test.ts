import t from 'tap'
import { ADMIN, GOOD_CODE, build } from '../../../helper.js'

const PHONE = '13812345678'
const form = (fields: Record<string, unknown> = {}) =>
  (
    {
      login_name: PHONE, password: 'secret-1', captcha: GOOD_CODE, user_name: '张三', city: '杭州', sign: '你好', memo: '备注',
      ...fields
    }
  )

t.test('a new account is registered with MeFP and stored as an ordinary user', async (t) => {
  const { call, userNamed, mefp, sms } = await build(t)
  const before = Date.now()
  const answer = await call('POST', '/users/register', { payload: form() })
  t.same(answer, { status: 200, body: { result: 1 } })
  t.same(sms.verified, [{ phone: PHONE, purpose: 'register' }], 'the code was checked for registering')
  t.equal(mefp.accounts.get(PHONE)?.password, 'secret-1', 'MeFP has the account')
  const user = await userNamed(PHONE)
  t.match(
    user,
    {
      _id: 1, login_name: PHONE, user_name: '张三', city: '杭州', sign: '你好', memo: '备注', role: 0, area: '', status: 1,
      checked: 0, reg_app: '', login_count: 0
    }
  )
  t.ok(user && user.reg_time.getTime() >= before - 1000, 'registered now')

  const again = await call('POST', '/users/register', { payload: form() })
  t.same(again, { status: 409, body: { result: 0, msg: '该账号已存在，请直接登录', code: 'IDENTITY_USER_EXISTS' } })
  t.equal(sms.verified.length, 1, 'no code is spent on a taken login name')
})

t.test('a login name listed in IDENTITY_ADMINS becomes an administrator', async (t) => {
  const { call, userNamed } = await build(t)
  t.equal(
    (await call('POST', '/users/register', { payload: form({ login_name: ADMIN, user_name: undefined }) })).status,
    200
  )
  t.match(await userNamed(ADMIN), { role: 9, area: '' })
  t.equal((await userNamed(ADMIN))?.user_name, undefined, 'fields left out are not stored')
})

t.test('a wrong code is refused with the sms service\'s reason, and nothing is stored', async (t) => {
  const { call, userNamed, mefp } = await build(t)
  const answer = await call('POST', '/users/register', { payload: form({ captcha: '654321' }) })
  t.same(answer, { status: 400, body: { result: 0, msg: '验证码错误', code: 'IDENTITY_CAPTCHA_REFUSED' } })
  t.equal(mefp.calls.register, 0, 'MeFP was not asked')
  t.equal(await userNamed(PHONE), null)
})

t.test('an account MeFP has, or MeFP out of reach, answers clearly, and nothing is stored', async (t) => {
  const { call, userNamed, mefp, sms } = await build(t)
  mefp.addAccount(PHONE, { password: 'other' })
  const inMefp = await call('POST', '/users/register', { payload: form() })
  t.same(inMefp, { status: 409, body: { result: 0, msg: '该账号已在统一认证平台注册，请直接激活', code: 'IDENTITY_ALREADY_IN_MEFP' } })
  t.same(sms.verified, [], 'the code is not used up')
  t.equal(mefp.calls.register, 0)
  t.equal(await userNamed(PHONE), null)

  mefp.setMode('down')
  const down = await call('POST', '/users/register', { payload: form({ login_name: '13812345679' }) })
  t.same(down, { status: 503, body: { result: 0, msg: '统一认证平台暂不可用，请稍后再试', code: 'IDENTITY_MEFP_UNAVAILABLE' } })
  t.equal(await userNamed('13812345679'), null)
})

t.test('without the sms service the registration answers 503', async (t) => {
  const { call, userNamed } = await build(t, { sms: false })
  const answer = await call('POST', '/users/register', { payload: form() })
  t.equal(answer.status, 503)
  t.match(answer.body, { result: 0, code: 'KIT_DEPENDENCY_UNAVAILABLE' })
  t.equal(await userNamed(PHONE), null)
})

t.test('bad input answers 400 in the envelope, never stores, never asks', async (t) => {
  const { call, userCount, mefp, sms } = await build(t)
  const cases: Array<[string, Record<string, unknown>]> = [
    ['a number where text is due', { login_name: 13812345678 }],
    ['not a mobile number', { login_name: '12345' }],
    ['no captcha', { captcha: undefined }],
    ['a captcha of letters', { captcha: 'abcdef' }],
    ['an operator object', { login_name: { $ne: '' } }],
    ['a short password', { password: '123' }],
    ['a number as nickname', { user_name: 7 }],
    ['an overlong memo', { memo: 'x'.repeat(501) }]
  ]
  for (const [what, fields] of cases) {
    const answer = await call('POST', '/users/register', { payload: form(fields) })
    t.equal(answer.status, 400, what)
    t.match(answer.body, { result: 0, code: 'KIT_VALIDATION' }, what)
  }
  t.equal((await call('POST', '/users/register', { payload: 'not json' })).status, 400, 'a body that is no form')
  t.equal(await userCount(), 0)
  t.equal(mefp.calls.register, 0)
  t.same(sms.verified, [])
})

t.test('of two registrations of one login name at once, exactly one succeeds', async (t) => {
  const { call, userCount } = await build(t)
  const answers = await Promise.all(
    [call('POST', '/users/register', { payload: form() }), call('POST', '/users/register', { payload: form() })]
  )
  t.same(
    answers.map((answer) => answer.status).sort(),
    [200, answers.find((answer) => answer.status !== 200)?.status].sort()
  )
  t.equal(answers.filter((answer) => answer.status === 200).length, 1, 'one succeeds')
  const other = answers.find((answer) => answer.status !== 200)
  t.ok(other && [400, 409].includes(other.status), `the other is refused clearly (${other?.body.code})`)
  if (other?.status === 400) t.same(
    other.body,
    { result: 0, msg: '该账号已在统一认证平台注册', code: 'IDENTITY_MEFP_REFUSED' },
    'MeFP\'s refusal, with its reason'
  )
  t.equal(await userCount(), 1, 'one user')
})

t.test('logs carry no password or code', async (t) => {
  const { call, logs } = await build(t)
  await call('POST', '/users/register', { payload: form({ password: 'pw-in-no-log', captcha: '987654' }) })
  await call('POST', '/users/register', { payload: form({ password: 'pw-in-no-log' }) })
  const text = logs.join('')
  t.notOk(text.includes('pw-in-no-log'), 'no password')
  t.notOk(text.includes('987654') || text.includes(GOOD_CODE), 'no code')
})
