import t from 'tap'
import { EventEmitter, once } from 'node:events'
import { BusUnavailableError, InProcessBroker, type Bus } from '@driver/bus'
import { pino } from 'pino'
import { waitFor } from '@driver/testing'
import { assertionHeaders } from '@driver/kit'
import { ASSERTION_SECRET, PHONE, USER_ID, build, latestCode } from '../../../helper.js'

t.test('a code is sent to a valid phone and verifying it binds the phone to the WeChat user', async (t) => {
  const service = await build(t)
  const verified = new EventEmitter()
  await service.peer.subscribe('sms.phone_verified', (payload, context) => { verified.emit('event', payload, context) })

  t.same((await service.wx('get', { phone: PHONE })).body, { message: 'success' })
  const code = await latestCode(service)
  t.match(code, /^\d{6}$/)

  const event = once(verified, 'event')
  t.same((await service.wx('check', { phone: PHONE, code })).body, { message: 'success' })
  const [payload, context] = await event
  t.same({ wxUserId: payload.wxUserId, phone: payload.phone }, { wxUserId: USER_ID, phone: PHONE })
  t.ok(context.requestId, 'the HTTP request id travels with the event')
})

t.test('a wrong phone is refused with the seed message and nothing is sent', async (t) => {
  const service = await build(t)
  for (const phone of ['12345', '23812345678', 'abcdefghijk', '']) {
    const { status, body } = await service.wx('get', { phone })
    t.equal(status, 200)
    t.same(body, { message: '错误的手机号码', code: 'SMS_INVALID_PHONE' }, JSON.stringify(phone))
  }
  const missing = await service.wx('get', {})
  t.same(missing.body, { message: '参数错误: phone', code: 'KIT_VALIDATION' })
  t.equal(await service.app.store.collection('send_limits').countDocuments({}), 0, 'no limit was touched')
})

t.test('operator objects and wrong types in a JSON body are rejected', async (t) => {
  const service = await build(t)
  const response = await service.inject({
    method: 'POST', url: '/wx/sms/check', payload: { phone: PHONE, code: { $ne: null } }
  })
  t.same(JSON.parse(response.body), { message: '参数错误: code', code: 'KIT_VALIDATION' })
  for (const phone of [13812345678, ['13812345678'], 1.38e10]) {
    const wrongType = await service.inject({ method: 'POST', url: '/wx/sms/get', payload: { phone } })
    t.same(JSON.parse(wrongType.body), { message: '参数错误: phone', code: 'KIT_VALIDATION' },
      `${JSON.stringify(phone)} is not a phone string`)
  }
  t.same(await service.outbox(PHONE), [], 'nothing was sent')
})

t.test('the seed GET form works too', async (t) => {
  const service = await build(t)
  const response = await service.inject({ method: 'GET', url: `/wx/sms/get?phone=${PHONE}` })
  t.same(JSON.parse(response.body), { message: 'success' })
  t.equal(response.headers['content-type'], 'text/plain; charset=utf-8')
})

t.test('a request without the gateway\'s signature is refused before any route runs, ' +
  'whatever headers it carries', async (t) => {
  const service = await build(t)
  const forged = await service.app.inject({
    method: 'POST',
    url: '/wx/sms/get',
    headers: { 'x-wx-user-id': USER_ID, 'x-client-ip': '1.2.3.4' },
    payload: { phone: PHONE }
  })
  t.equal(forged.statusCode, 401)
  t.same(JSON.parse(forged.body), { message: '未登录', code: 'KIT_UNAUTHORIZED' })
  const signed = { method: 'POST', url: '/wx/sms/get', requestId: 'r1', clientIp: '1.2.3.4', wxUserId: USER_ID }
  const stale = assertionHeaders(ASSERTION_SECRET, signed, Date.now() - 60_000)
  const getCode = (headers: Record<string, string>) =>
    service.app.inject({ method: 'POST', url: '/wx/sms/get', headers, payload: { phone: PHONE } })
  t.equal((await getCode(stale)).statusCode, 401, 'a stale signature')
  const otherRoute = assertionHeaders(ASSERTION_SECRET, { ...signed, url: '/wx/sms/check' })
  t.equal((await getCode(otherRoute)).statusCode, 401, 'a signature for another URL')
  const anotherUser = assertionHeaders(ASSERTION_SECRET, signed)
  anotherUser['x-wx-user-id'] = 'aaaaaaaaaaaaaaaaaaaaaaaa'
  t.equal((await getCode(anotherUser)).statusCode, 401, 'a user swapped after signing')
  t.same(await service.outbox(PHONE), [], 'nothing was sent')
  t.equal((await service.app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200,
    'readiness answers without a signature')
})

t.test('HEAD is not a way to send a code', async (t) => {
  const service = await build(t)
  const response = await service.inject({ method: 'HEAD', url: `/wx/sms/get?phone=${PHONE}` })
  t.equal(response.statusCode, 404)
  t.same(await service.outbox(PHONE), [], 'nothing was sent')
})

t.test('without the session user from the gateway the service refuses', async (t) => {
  const service = await build(t)
  const { status, body } = await service.wx('get', { phone: PHONE }, { user: null })
  t.equal(status, 401)
  t.equal(body.message, '未登录')
})

t.test('a wrong code is 验证码错误, and a code is single use', async (t) => {
  const service = await build(t)
  await service.wx('get', { phone: PHONE })
  const code = await latestCode(service)
  const wrong = code === '000000' ? '000001' : '000000'
  t.same((await service.wx('check', { phone: PHONE, code: wrong })).body, { message: '验证码错误', code: 'SMS_CODE_WRONG' })
  t.same((await service.wx('check', { phone: PHONE, code })).body, { message: 'success' })
  t.same((await service.wx('check', { phone: PHONE, code })).body, { message: '验证码错误', code: 'SMS_CODE_WRONG' },
    'used up')
})

t.test('after 5 wrong tries the code is dead, even for the right code', async (t) => {
  const service = await build(t)
  await service.wx('get', { phone: PHONE })
  const code = await latestCode(service)
  const wrong = code === '111111' ? '222222' : '111111'
  for (let i = 1; i <= 4; i++) {
    t.equal((await service.wx('check', { phone: PHONE, code: wrong })).body.code, 'SMS_CODE_WRONG', `wrong try ${i}`)
  }
  t.equal((await service.wx('check', { phone: PHONE, code: wrong })).body.code, 'SMS_CODE_LOCKED',
    'the fifth wrong try kills the code')
  t.same((await service.wx('check', { phone: PHONE, code })).body, { message: '验证码错误', code: 'SMS_CODE_WRONG' })
})

t.test('parallel guesses cannot share one code\'s tries: the right code as the 30th guess is refused', async (t) => {
  const service = await build(t)
  await service.wx('get', { phone: PHONE })
  const code = await latestCode(service)
  const wrong = Array.from({ length: 29 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'))
  const answers = await Promise.all([...wrong, code].map((guess) => service.wx('check', { phone: PHONE, code: guess })))
  t.notOk(answers.some(({ body }) => body.message === 'success'), 'no guess succeeded, the right one included')
  t.ok(answers.some(({ body }) => body.code === 'SMS_CODE_LOCKED'), 'the tries ran out')
  t.same((await service.wx('check', { phone: PHONE, code })).body, { message: '验证码错误', code: 'SMS_CODE_WRONG' },
    'the code is gone')
})

t.test('a code expires after 5 minutes', async (t) => {
  const service = await build(t)
  await service.wx('get', { phone: PHONE })
  const code = await latestCode(service)
  service.clock.advance(5 * 60 * 1000 + 1000)
  t.same((await service.wx('check', { phone: PHONE, code })).body, {
    message: '验证码已过期，请重新获取', code: 'SMS_CODE_EXPIRED'
  })
})

t.test('sends are 60 s apart; a new code replaces the old one', async (t) => {
  const service = await build(t)
  await service.wx('get', { phone: PHONE })
  const first = await latestCode(service)
  service.clock.advance(20_000)
  t.same((await service.wx('get', { phone: PHONE })).body, { message: '发送过于频繁，请40秒后再试', code: 'SMS_RESEND_TOO_SOON' })
  service.clock.advance(40_000)
  t.same((await service.wx('get', { phone: PHONE })).body, { message: 'success' })
  const second = await latestCode(service)
  t.equal((await service.outbox(PHONE)).length, 2)
  if (first !== second) {
    t.equal((await service.wx('check', { phone: PHONE, code: first })).body.code, 'SMS_CODE_WRONG',
      'the old code no longer works')
  }
  t.same((await service.wx('check', { phone: PHONE, code: second })).body, { message: 'success' })
})

t.test('at most 10 sends a day per phone', async (t) => {
  const service = await build(t, { env: { TIME_ZONE: 'UTC' } })
  // Start just after midnight so that ten minutes of sends stay within one day.
  service.clock.advance(86_400_000 - (service.clock.now().getTime() % 86_400_000) + 60_000)
  for (let i = 1; i <= 10; i++) {
    t.equal((await service.wx('get', { phone: PHONE })).body.message, 'success', `send ${i}`)
    service.clock.advance(61_000)
  }
  t.same((await service.wx('get', { phone: PHONE })).body, { message: '今日验证码发送次数已达上限，请明天再试', code: 'SMS_DAILY_LIMIT' })
  t.equal((await service.wx('get', { phone: '13912345678' })).body.message, 'success', 'another phone is not affected')
  service.clock.advance(86_400_000)
  t.equal((await service.wx('get', { phone: PHONE })).body.message, 'success', 'the next day counts afresh')
})

t.test('per-IP limits refuse with a clear message; another IP is unaffected', async (t) => {
  const service = await build(t, { env: { SMS_IP_SENDS_PER_HOUR: '2', SMS_IP_CHECKS_PER_HOUR: '1' } })
  t.same((await service.wx('get', { phone: '13812345671' }, { ip: '10.0.0.9' })).body, { message: 'success' })
  t.same((await service.wx('get', { phone: '13812345672' }, { ip: '10.0.0.9' })).body, { message: 'success' })
  const limited = await service.wx('get', { phone: '13812345673' }, { ip: '10.0.0.9' })
  t.equal(limited.status, 200, 'a refusal in the /wx envelope')
  t.same(limited.body, { message: '该网络获取验证码过于频繁，请稍后再试', code: 'SMS_IP_LIMIT' })
  t.same((await service.outbox('13812345673')), [], 'nothing was sent')
  t.same((await service.wx('get', { phone: '13812345673' }, { ip: '10.0.0.10' })).body, { message: 'success' })

  t.equal((await service.wx('check', { phone: '13812345671', code: '000000' }, { ip: '10.0.0.9' })).status, 200)
  const checks = await service.wx('check', { phone: '13812345671', code: '000000' }, { ip: '10.0.0.9' })
  t.equal(checks.status, 429)
  t.same(checks.body, { message: '请求过于频繁，请稍后再试', code: 'KIT_RATE_LIMITED' })
  service.clock.advance(3600_000)
  t.same((await service.wx('get', { phone: '13812345674' }, { ip: '10.0.0.9' })).body, { message: 'success' },
    'the next hour counts afresh')
})

t.test('codes are stored only as keyed hashes, and never logged', async (t) => {
  const service = await build(t)
  await service.wx('get', { phone: PHONE })
  const code = await latestCode(service)
  await service.wx('check', { phone: PHONE, code: code === '999999' ? '999998' : '999999' })
  const stored = await service.app.store.collection('codes').find({})
  t.equal(stored.length, 1)
  t.notMatch(JSON.stringify(stored), code, 'the code is not in the store')
  const logs = service.logs.join('')
  t.match(logs, 'code sent')
  t.notMatch(logs, code, 'the code is not in the log')
  t.notMatch(logs, PHONE, 'the phone is masked in the log')
})

t.test('the dev outbox is absent in production', async (t) => {
  const service = await build(t, { env: { NODE_ENV: 'production', SMS_CODE_SECRET: 'x'.repeat(32) } })
  t.equal((await service.inject({ method: 'GET', url: `/dev/sms/outbox?phone=${PHONE}`, user: null })).statusCode, 404)
})

t.test('production needs SMS_CODE_SECRET', async (t) => {
  await t.rejects(build(t, { env: { NODE_ENV: 'production' } }), { code: 'KIT_CONFIG', variables: ['SMS_CODE_SECRET'] })
})

t.test('with the broker down a correct check still succeeds, and the event follows once it is back', async (t) => {
  // The service's bus, with publishing failing as it does while RabbitMQ is unreachable.
  let down = true
  const broker = new InProcessBroker()
  const real = broker.connect('sms', { logger: pino({ level: 'silent' }) })
  const bus: Bus = {
    service: real.service,
    publish: async (...args) => {
      if (down) throw new BusUnavailableError('publish not confirmed')
      return real.publish(...args)
    },
    subscribe: (...args) => real.subscribe(...args),
    request: (...args) => real.request(...args),
    handle: (...args) => real.handle(...args),
    ping: () => real.ping(),
    close: () => real.close()
  }
  const service = await build(t, { broker, bus, outbox: { pollMs: 50 } })
  const verified: unknown[] = []
  await service.peer.subscribe('sms.phone_verified', (payload) => { verified.push(payload) })
  await service.wx('get', { phone: PHONE })
  const code = await latestCode(service)
  t.same((await service.wx('check', { phone: PHONE, code })).body, { message: 'success' })
  t.same((await service.wx('check', { phone: PHONE, code })).body.code, 'SMS_CODE_WRONG', 'the code is used up')
  t.equal(await service.app.store.collection('outbox').countDocuments({}), 1, 'the event waits in the outbox')
  down = false
  await waitFor('the event once the broker is back', () => verified.length === 1)
  t.match(verified[0], { wxUserId: USER_ID, phone: PHONE })
  await waitFor('the outbox to empty', async () =>
    (await service.app.store.collection('outbox').countDocuments({})) === 0)
})
