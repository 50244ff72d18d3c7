import t from 'tap'
import { assertionHeaders } from '@driver/kit'
import { ASSERTION_SECRET, build } from '../../../helper.js'

const PHONE = '13812345678'

t.test('a code is sent for registering (usage 1) or a password reset (usage 2), by POST or GET, and the sms ' +
  'service is told the client address the gateway asserted', async (t) => {
  const { call, sms } = await build(t)
  t.same(
    await call('POST', '/users/captcha', { payload: { login_name: PHONE, usage: 1 } }),
    { status: 200, body: { result: 1 } }
  )
  t.same(
    await call('GET', `/users/captcha?login_name=${PHONE}&usage=2`, { ip: '203.0.113.7' }),
    { status: 200, body: { result: 1 } }
  )
  t.same(
    await call(
      'POST',
      '/users/captcha',
      { payload: `login_name=${PHONE}&usage=2`, headers: { 'content-type': 'application/x-www-form-urlencoded' } }
    ),
    { status: 200, body: { result: 1 } }
  )
  t.same(
    sms.sent,
    [
      { phone: PHONE, purpose: 'register', clientIp: '10.0.0.1' },
      { phone: PHONE, purpose: 'reset_password', clientIp: '203.0.113.7' },
      { phone: PHONE, purpose: 'reset_password', clientIp: '10.0.0.1' }
    ]
  )
})

t.test('the sms service\'s limits and failures come back as clear answers', async (t) => {
  const { call, sms } = await build(t)
  sms.refuseSend = { reason: '发送过于频繁，请42秒后再试', code: 'SMS_RESEND_TOO_SOON' }
  t.same(
    await call('POST', '/users/captcha', { payload: { login_name: PHONE, usage: 1 } }),
    { status: 429, body: { result: 0, msg: '发送过于频繁，请42秒后再试', code: 'IDENTITY_CAPTCHA_LIMITED' } }
  )
  sms.refuseSend = { reason: '今日验证码发送次数已达上限，请明天再试', code: 'SMS_DAILY_LIMIT' }
  t.same(
    await call('POST', '/users/captcha', { payload: { login_name: PHONE, usage: 1 } }),
    { status: 429, body: { result: 0, msg: '今日验证码发送次数已达上限，请明天再试', code: 'IDENTITY_CAPTCHA_LIMITED' } }
  )
  sms.refuseSend = { reason: '该网络获取验证码过于频繁，请稍后再试', code: 'SMS_IP_LIMIT' }
  t.same(
    await call('POST', '/users/captcha', { payload: { login_name: PHONE, usage: 1 } }),
    { status: 429, body: { result: 0, msg: '该网络获取验证码过于频繁，请稍后再试', code: 'IDENTITY_CAPTCHA_LIMITED' } }
  )
  sms.refuseSend = { reason: '短信发送量已达平台上限，请稍后再试', code: 'SMS_BUDGET_EXHAUSTED' }
  t.same(
    await call('POST', '/users/captcha', { payload: { login_name: PHONE, usage: 1 } }),
    { status: 429, body: { result: 0, msg: '短信发送量已达平台上限，请稍后再试', code: 'IDENTITY_CAPTCHA_LIMITED' } }
  )
  sms.refuseSend = { reason: '短信发送失败，请稍后再试', code: 'SMS_PROVIDER_FAILED' }
  t.same(
    await call('POST', '/users/captcha', { payload: { login_name: PHONE, usage: 1 } }),
    { status: 502, body: { result: 0, msg: '短信发送失败，请稍后再试', code: 'IDENTITY_CAPTCHA_NOT_SENT' } }
  )
  sms.refuseSend = { reason: '错误的手机号码', code: 'SMS_INVALID_PHONE' }
  t.same(
    await call('POST', '/users/captcha', { payload: { login_name: PHONE, usage: 1 } }),
    { status: 400, body: { result: 0, msg: '错误的手机号码', code: 'IDENTITY_CAPTCHA_REFUSED' } }
  )
})

t.test('no registration code for a login name MeFP or the user center has', async (t) => {
  const { call, mefp, sms } = await build(t)
  mefp.addAccount(PHONE, { password: 'pw' })
  t.same(
    await call('POST', '/users/captcha', { payload: { login_name: PHONE, usage: 1 } }),
    { status: 409, body: { result: 0, msg: '该账号已在统一认证平台注册，请直接激活', code: 'IDENTITY_ALREADY_IN_MEFP' } }
  )
  t.equal((await call('POST', '/users/activate', { payload: { login_name: PHONE } })).status, 200)
  t.same(
    await call('POST', '/users/captcha', { payload: { login_name: PHONE, usage: 1 } }),
    { status: 409, body: { result: 0, msg: '该账号已存在，请直接登录', code: 'IDENTITY_USER_EXISTS' } }
  )
  t.equal(
    (await call('POST', '/users/captcha', { payload: { login_name: PHONE, usage: 2 } })).status,
    200,
    'a reset code is sent'
  )
  t.same(sms.sent.map((sent) => sent.purpose), ['reset_password'])
  mefp.setMode('down')
  t.equal(
    (await call('POST', '/users/captcha', { payload: { login_name: '13900000000', usage: 1 } })).status,
    503,
    'MeFP out of reach'
  )
  t.equal(sms.sent.length, 1)
})

t.test('a HEAD request sends no code', async (t) => {
  const { app, sms } = await build(t)
  const url = `/users/captcha?login_name=${PHONE}&usage=2`
  const answer = await app.inject(
    {
      method: 'HEAD',
      url,
      headers: assertionHeaders(ASSERTION_SECRET, { method: 'HEAD', url, requestId: 'head-1', clientIp: '10.0.0.1' })
    }
  )
  t.equal(answer.statusCode, 404, 'signed by the gateway, still no such route')
  t.same(sms.sent, [])
})

t.test('bad captcha requests answer 400 and send nothing', async (t) => {
  const { call, sms } = await build(t)
  for (const body of [
    { login_name: PHONE },
    { login_name: PHONE, usage: 3 },
    { login_name: PHONE, usage: '1' },
    { login_name: '1234', usage: 1 },
    { login_name: Number(PHONE), usage: 1 }
  ]) {
    t.equal((await call('POST', '/users/captcha', { payload: body })).status, 400, JSON.stringify(body))
  }
  t.equal((await call('GET', `/users/captcha?login_name=${PHONE}&usage=x`)).status, 400)
  t.same(sms.sent, [])
})

t.test('without the sms service a code request answers 503', async (t) => {
  const { call } = await build(t, { sms: false })
  const answer = await call('POST', '/users/captcha', { payload: { login_name: PHONE, usage: 1 } })
  t.equal(answer.status, 503)
  t.equal(answer.body.code, 'KIT_DEPENDENCY_UNAVAILABLE')
})
