import t from 'tap'
import { build } from './helper.js'

const PASSWORD = 'flow-password-1'

t.test('POST /users/activate: an account MeFP has is activated once; one MeFP does not know is sent ' +
  'to register', async (t) => {
  const { send, mefp, storedUsers } = await build(t)
  const phone = '13700000001'
  t.same(await send('POST', '/users/activate', { json: { login_name: phone, user_name: '李四' } }),
    { status: 404, body: { result: 0, msg: '统一认证平台中不存在该账号，请先注册', code: 'IDENTITY_NOT_IN_MEFP' } }, 'unknown in MeFP')
  t.equal(await storedUsers(phone), 0, 'nothing stored')

  mefp.addAccount(phone, { password: PASSWORD, reg_app: 'melink', reg_time: '2011-07-23 20:27:00' })
  t.same(
    await send('POST', '/users/activate', { json: { login_name: phone, user_name: '李四', city: '宁波' } }),
    { status: 200, body: { result: 1 } },
    'activated'
  )
  const login = await send('POST', '/users/login', { json: { login_name: phone, password: PASSWORD } })
  t.match(login, {
    status: 200,
    body: {
      result: 1,
      data: { login_name: phone, user_name: '李四', role: 0, status: 1, reg_time: '2011-07-23 20:27:00', login_count: 0 }
    }
  },
    'it logs in, registered when MeFP says')
  const id = (login.body.data as { user_id: number }).user_id
  t.match(
    await send('GET', `/users/${id}`, { token: (login.body.data as { token: string }).token }),
    { status: 200, body: { data: { user_name: '李四', city: '宁波' } } }
  )

  t.same(await send('POST', '/users/activate', { json: { login_name: phone, user_name: '别人' } }),
    { status: 409, body: { result: 0, msg: '该账号已存在，请直接登录', code: 'IDENTITY_USER_EXISTS' } }, 'already active')
  t.equal(await storedUsers(phone), 1, 'still one user')
  t.equal(mefp.calls.register, 0, 'MeFP never registered anything')
})

t.test('GET /users/captcha sends a code; a second within 60 s, or usage 1 for an existing account, ' +
  'is refused', async (t) => {
  const { base, send, codeFor, activated } = await build(t)
  const phone = '13700000002'
  const first = await codeFor(phone, 1)
  t.same(first.sent, { status: 200, body: { result: 1 } })
  t.match(first.code, /^\d{6}$/, 'the code is in the dev outbox')
  const again = await send('GET', `/users/captcha?login_name=${phone}&usage=1`)
  t.match(
    again,
    { status: 429, body: { result: 0, msg: /^发送过于频繁，请\d+秒后再试$/, code: 'IDENTITY_CAPTCHA_LIMITED' } },
    'GET, at once: the 60 s rule'
  )
  const outbox = await (await fetch(`${base}/dev/sms/outbox?phone=${phone}`)).json() as { data: unknown[] }
  t.equal(outbox.data.length, 1, 'no second code')

  const other = '13700000003'
  t.same(
    await send('GET', `/users/captcha?login_name=${other}&usage=1`),
    { status: 200, body: { result: 1 } },
    'GET works for another phone'
  )

  const member = '13700000004'
  await activated(member, PASSWORD)
  t.same(await send('GET', `/users/captcha?login_name=${member}&usage=1`),
    {
      status: 409,
      body: { result: 0, msg: '该账号已存在，请直接登录', code: 'IDENTITY_USER_EXISTS' }
    }, 'no register code for an existing account')
  t.match(
    await send('GET', `/users/captcha?login_name=${member}&usage=3`),
    { status: 400, body: { result: 0, code: 'KIT_VALIDATION' } },
    'usage is 1 or 2'
  )
  const empty = await (await fetch(`${base}/dev/sms/outbox?phone=${member}`)).json() as { data: unknown[] }
  t.equal(empty.data.length, 0, 'nothing sent to it')
})

t.test('POST /users/password/reset: a wrong code changes nothing; the right one sets the new password', async (t) => {
  const { send, mefp, codeFor, activated } = await build(t)
  const phone = '13700000005'
  await activated(phone, PASSWORD)
  const { sent, code } = await codeFor(phone, 2)
  t.same(sent, { status: 200, body: { result: 1 } }, 'a reset code is sent')
  const wrongCode = code === '000000' ? '000001' : '000000'
  t.same(await send(
    'POST',
    '/users/password/reset',
    { json: { login_name: phone, captcha: wrongCode, password: 'flow-password-2' } }
  ),
    { status: 400, body: { result: 0, msg: '验证码错误', code: 'IDENTITY_CAPTCHA_REFUSED' } }, 'wrong code')
  t.equal(mefp.accounts.get(phone)?.password, PASSWORD, 'MeFP keeps the password')
  t.equal(
    (await send('POST', '/users/login', { json: { login_name: phone, password: PASSWORD } })).status,
    200,
    'which still logs in'
  )

  t.same(
    await send(
      'POST',
      '/users/password/reset',
      { json: { login_name: phone, captcha: code, password: 'flow-password-2' } }
    ),
    { status: 200, body: { result: 1 } },
    'the right code'
  )
  t.equal(
    (await send('POST', '/users/login', { json: { login_name: phone, password: 'flow-password-2' } })).status,
    200,
    'the new password logs in'
  )
  t.match(
    await send('POST', '/users/login', { json: { login_name: phone, password: PASSWORD } }),
    { status: 401, body: { result: 0, code: 'IDENTITY_LOGIN_FAILED' } },
    'the old one does not'
  )
  t.match(await send(
    'POST',
    '/users/password/reset',
    { json: { login_name: phone, captcha: code, password: 'flow-password-3' } }
  ),
    { status: 400, body: { result: 0, code: 'IDENTITY_CAPTCHA_REFUSED' } }, 'a code is used once')
})

t.test('two registrations of one login name at once: exactly one succeeds, one user is stored', async (t) => {
  const { send, mefp, codeFor, storedUsers } = await build(t)
  const phone = '13700000006'
  const { code } = await codeFor(phone, 1)
  const form = (userName: string) =>
    ({ json: { login_name: phone, password: PASSWORD, captcha: code, user_name: userName } })
  const answers = await Promise.all(
    [send('POST', '/users/register', form('甲')), send('POST', '/users/register', form('乙'))]
  )
  const succeeded = answers.filter((answer) => answer.status === 200)
  t.equal(
    succeeded.length,
    1,
    `one 200 (${answers.map((answer) => `${answer.status} ${String(answer.body.code ?? '')}`).join(', ')})`
  )
  const refused = answers.find((answer) => answer.status !== 200)
  t.match(refused, { body: { result: 0, msg: String, code: /^IDENTITY_/ } }, 'the other is refused in the envelope')
  t.ok(
    refused !== undefined && refused.status >= 400 && refused.status < 500,
    `with a 4xx (${String(refused?.status)})`
  )
  t.equal(await storedUsers(phone), 1, 'one user stored')
  t.equal(mefp.accounts.get(phone)?.password, PASSWORD, 'MeFP has the account')
  t.equal(
    (await send('POST', '/users/login', { json: { login_name: phone, password: PASSWORD } })).status,
    200,
    'and it logs in'
  )
})
