import t from 'tap'
import { randomUUID } from 'node:crypto'
import { assertionHeaders, type App } from '@driver/kit'
import { buildService } from '@driver/kit/service'
import { identityService, loadIdentityConfig } from '@driver/identity'
import { startMefpSimulator } from '@driver/simulators/mefp'
import { loadSmsConfig, smsService } from '@driver/sms'
import { skipWithoutRabbitmq } from '@driver/testing'
import { rabbitRun } from './helpers/rabbitmq-run.js'

await skipWithoutRabbitmq(t)

const SECRET = 'gateway-assertion-secret-for-the-identity-sms-test'
const KEYS = {
  MEFP_SECRET: 'identity-sms-test-mefp-key-32by!',
  APP_SECRET: 'identity-sms-iv!',
  TOKEN_SECRET: 'token-secret-of-the-identity-sms-integration-test'
}
const PHONE = '13612345678'
const PASSWORD = 'first-password-1'
const NEW_PASSWORD = 'second-password-2'

type Answer = { status: number, body: Record<string, unknown> }

/** A request to a service, signed as the gateway signs what it forwards. */
async function call (
  app: App,
  method: 'GET' | 'POST',
  url: string,
  body?: object,
  headers: Record<string,
  string> = {}
): Promise<Answer> {
  const response = await app.inject({
    method,
    url,
    ...(body ? { payload: body } : {}),
    headers: { ...headers, ...assertionHeaders(SECRET, { method, url, requestId: randomUUID(), clientIp: '10.0.0.1' }) }
  })
  return { status: response.statusCode, body: JSON.parse(response.body) as Record<string, unknown> }
}

t.test('identity registers, logs in and resets a password with codes the sms service sends, over ' +
  'RabbitMQ', async (t) => {
  const run = rabbitRun(t)
  const closers: Array<() => Promise<unknown>> = []
  t.teardown(async () => { for (const close of closers) await close() })
  const dataDir = t.testdir()

  const mefp = await startMefpSimulator({ secret: KEYS.MEFP_SECRET, iv: KEYS.APP_SECRET })
  closers.push(() => mefp.close())
  // The sms service's clock, moved past its 60 s between codes instead of waiting.
  let ahead = 0
  const sms = await buildService(smsService, {
    config: loadSmsConfig(
      { LOG_LEVEL: 'silent', DATA_DIR: dataDir, GATEWAY_ASSERTION_SECRET: SECRET, SMS_PROVIDER: 'log' }
    ),
    bus: await run.bus('sms'),
    clock: () => new Date(Date.now() + ahead)
  })
  closers.unshift(() => sms.close())
  const identity = await buildService(identityService, {
    config: loadIdentityConfig(
      { LOG_LEVEL: 'silent', DATA_DIR: dataDir, GATEWAY_ASSERTION_SECRET: SECRET, MEFP_URL: mefp.url, ...KEYS }
    ),
    bus: await run.bus('identity')
  })
  closers.unshift(() => identity.close())

  const users = identity.store.collection<Record<string, unknown>>('users')
  const outbox = async () => {
    const answer = await call(sms, 'GET', `/dev/sms/outbox?phone=${PHONE}`)
    t.equal(answer.status, 200, 'the sms service shows its dev outbox')
    return (answer.body.data ?? []) as Array<{ purpose: string, code: string }>
  }
  const other = (code: string) => code === '000000' ? '000001' : '000000'
  const login = (password: string) => call(identity, 'POST', '/users/login', { login_name: PHONE, password })

  t.same(
    await call(identity, 'GET', `/users/check?login_name=${PHONE}`),
    { status: 200, body: { result: 1, data: { reg_app: '', reg_time: '' } } },
    'MeFP does not know the phone'
  )

  // Usage 1: a registration code, texted by the sms service's log provider.
  t.same(
    await call(identity, 'POST', '/users/captcha', { login_name: PHONE, usage: 1 }),
    { status: 200, body: { result: 1 } }
  )
  const sent = await outbox()
  t.equal(sent.length, 1, 'one message in the outbox')
  t.match(sent[0], { purpose: 'register', code: /^\d{6}$/ })
  const code = sent[0]?.code ?? ''

  // A wrong code: refused with the sms service's reason, nothing stored anywhere.
  const wrong = await call(
    identity,
    'POST',
    '/users/register',
    { login_name: PHONE, password: PASSWORD, captcha: other(code), user_name: '李四' }
  )
  t.same(wrong, { status: 400, body: { result: 0, msg: '验证码错误', code: 'IDENTITY_CAPTCHA_REFUSED' } })
  t.equal(await users.findOne({ login_name: PHONE }), null, 'no user in the user center')
  t.notOk(mefp.accounts.has(PHONE), 'no account at MeFP')
  t.same(
    await login(PASSWORD),
    { status: 401, body: { result: 0, msg: '用户名或密码错误', code: 'IDENTITY_LOGIN_FAILED' } },
    'so the login is refused by MeFP'
  )

  // The right code (one wrong try does not spend it).
  t.same(
    await call(
      identity,
      'POST',
      '/users/register',
      { login_name: PHONE, password: PASSWORD, captcha: code, user_name: '李四' }
    ),
    { status: 200, body: { result: 1 } }
  )
  t.match(
    await users.findOne({ login_name: PHONE }),
    { login_name: PHONE, user_name: '李四', role: 0, status: 1, checked: 0 },
    'the user is stored'
  )
  t.equal(mefp.accounts.get(PHONE)?.password, PASSWORD, 'MeFP has the account with its password')

  // The code is used up: the sms service refuses it on the same request identity sends.
  t.match(
    await identity.bus.request('sms.verify', { phone: PHONE, purpose: 'register', code }),
    { verified: false, code: 'SMS_CODE_WRONG' },
    'a code verifies once'
  )
  t.same(await call(
    identity,
    'POST',
    '/users/register',
    { login_name: PHONE, password: 'another-password', captcha: code, user_name: '王五' }
  ),
    {
      status: 409,
      body: { result: 0, msg: '该账号已存在，请直接登录', code: 'IDENTITY_USER_EXISTS' }
    }, 'and the account is not registered again')
  t.equal(await users.countDocuments({ login_name: PHONE }), 1)

  const first = await login(PASSWORD)
  t.equal(first.status, 200, `login: ${String(first.body.code ?? 'ok')}`)
  t.match(
    first.body,
    { result: 1, data: { login_name: PHONE, user_name: '李四', role: 0, login_count: 0, token: String } }
  )
  const { token, user_id: userId } = first.body.data as { token: string, user_id: number }
  t.match(await call(identity, 'GET', `/users/${userId}`, undefined, { authorization: `Bearer ${token}` }),
    {
      status: 200,
      body: { result: 1, data: { login_name: PHONE, user_id: userId, login_count: 1 } }
    }, 'the token opens the user\'s record')

  // A second code within 60 s: the sms service's limit, as a 429.
  const tooSoon = await call(identity, 'POST', '/users/captcha', { login_name: PHONE, usage: 2 })
  t.match(tooSoon, { status: 429, body: { result: 0, msg: /^发送过于频繁，请\d+秒后再试$/, code: 'IDENTITY_CAPTCHA_LIMITED' } })
  t.same(await call(identity, 'POST', '/users/captcha', { login_name: PHONE, usage: 1 }),
    {
      status: 409,
      body: { result: 0, msg: '该账号已存在，请直接登录', code: 'IDENTITY_USER_EXISTS' }
    }, 'no registration code for an existing account')
  t.equal((await outbox()).length, 1, 'nothing more was sent')

  // Usage 2, once the minute has passed: a reset code.
  ahead = 61_000
  t.same(
    await call(identity, 'POST', '/users/captcha', { login_name: PHONE, usage: 2 }),
    { status: 200, body: { result: 1 } }
  )
  const [latest] = await outbox()
  t.match(latest, { purpose: 'reset_password', code: /^\d{6}$/ })
  const resetCode = latest?.code ?? ''

  t.same(await call(
    identity,
    'POST',
    '/users/password/reset',
    { login_name: PHONE, captcha: code, password: NEW_PASSWORD }
  ),
    {
      status: 400,
      body: { result: 0, msg: '验证码错误', code: 'IDENTITY_CAPTCHA_REFUSED' }
    }, 'the registration code does not reset a password')
  t.equal(mefp.accounts.get(PHONE)?.password, PASSWORD, 'the password is unchanged')
  // MeFP out of reach during a reset: 503, "try again later", and the password is unchanged.
  mefp.setMode('down')
  t.same(await call(
    identity,
    'POST',
    '/users/password/reset',
    { login_name: PHONE, captcha: resetCode, password: NEW_PASSWORD }
  ),
    {
      status: 503,
      body: { result: 0, msg: '统一认证平台暂不可用，请稍后再试', code: 'IDENTITY_MEFP_UNAVAILABLE' }
    }, 'MeFP down: the reset answers 503')
  mefp.setMode('ok')
  t.equal(mefp.accounts.get(PHONE)?.password, PASSWORD, 'the password is unchanged')
  t.same(await call(
    identity,
    'POST',
    '/users/password/reset',
    { login_name: PHONE, captcha: resetCode, password: NEW_PASSWORD }
  ),
    {
      status: 200,
      body: { result: 1 }
    }, 'trying again later with the same code works: MeFP was asked before the code was spent')
  t.equal(mefp.accounts.get(PHONE)?.password, NEW_PASSWORD, 'MeFP has the new password')
  t.same(await call(
    identity,
    'POST',
    '/users/password/reset',
    { login_name: PHONE, captcha: resetCode, password: 'third-password-3' }
  ),
    { status: 400, body: { result: 0, msg: '验证码错误', code: 'IDENTITY_CAPTCHA_REFUSED' } }, 'the reset code works once')
  t.equal(mefp.accounts.get(PHONE)?.password, NEW_PASSWORD)

  t.same(
    await login(PASSWORD),
    { status: 401, body: { result: 0, msg: '用户名或密码错误', code: 'IDENTITY_LOGIN_FAILED' } },
    'the old password no longer logs in'
  )
  const again = await login(NEW_PASSWORD)
  t.match(
    again,
    { status: 200, body: { result: 1, data: { login_name: PHONE, user_id: userId, login_count: 1, token: String } } },
    'the new one does'
  )
})
