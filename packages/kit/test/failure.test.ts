import t from 'tap'
import { createApp, createExposedError, createError, refusalOrThrow, wxEnvelope } from '../src/index.js'

t.test('a 5xx error written for users shows its message; others are hidden', async (t) => {
  const ProviderDown = createExposedError('TEST_PROVIDER_DOWN', '短信发送失败，请稍后再试', 502)
  const app = createApp({ service: 'test', logLevel: 'silent' })
  app.register(async (wx) => {
    await wx.register(wxEnvelope)
    wx.get('/exposed', async () => { throw new ProviderDown() })
  }, { prefix: '/wx' })
  t.teardown(() => app.close())
  const response = await app.inject({ method: 'GET', url: '/wx/exposed' })
  t.equal(response.statusCode, 502)
  t.same(JSON.parse(response.body), { message: '短信发送失败，请稍后再试', code: 'TEST_PROVIDER_DOWN' })
})

t.test('over the bus, deliberate 4xx errors and errors made to be shown are refusals; ' +
  'anything else is thrown on', async (t) => {
  const Refused = createError('TEST_LIMIT', '今日次数已达上限', 400)
  const Shown = createExposedError('TEST_PROVIDER_DOWN', '短信发送失败，请稍后再试', 502)
  t.same(refusalOrThrow(new Refused()), { reason: '今日次数已达上限', code: 'TEST_LIMIT' })
  t.same(refusalOrThrow(new Shown()), { reason: '短信发送失败，请稍后再试', code: 'TEST_PROVIDER_DOWN' })
  const storeClosed = Object.assign(new Error('the store is closed'), { code: 'STORE_CLOSED' })
  t.throws(() => refusalOrThrow(storeClosed), storeClosed, 'an internal error with a code is a fault, not a refusal')
  const hidden = Object.assign(new Error('pool exhausted'), { code: 'DB_POOL', statusCode: 503 })
  t.throws(() => refusalOrThrow(hidden), hidden, 'a 5xx not made to be shown is a fault')
})

t.test('a broker or database outage is a 503 with a clear message, logged as a fault, in both envelopes', async (t) => {
  const lines: string[] = []
  const app = createApp({ service: 'test', logLevel: 'info', logStream: { write: (line) => { lines.push(line) } } })
  const brokerDown = () =>
    Object.assign(new Error('Message broker unavailable: publish not confirmed'), { code: 'BUS_UNAVAILABLE' })
  app.register(async (wx) => {
    await wx.register(wxEnvelope)
    wx.get('/check', async () => { throw brokerDown() })
  }, { prefix: '/wx' })
  app.get('/users/captcha', async () => {
    throw Object.assign(new Error('server selection timed out'), { name: 'MongoServerSelectionError' })
  })
  t.teardown(() => app.close())
  const wx = await app.inject({ method: 'GET', url: '/wx/check' })
  t.equal(wx.statusCode, 503)
  t.same(JSON.parse(wx.body), { message: '服务暂不可用，请稍后再试', code: 'KIT_DEPENDENCY_UNAVAILABLE' })
  const users = await app.inject({ method: 'GET', url: '/users/captcha' })
  t.equal(users.statusCode, 503)
  t.same(users.json(), { result: 0, msg: '服务暂不可用，请稍后再试', code: 'KIT_DEPENDENCY_UNAVAILABLE' })
  t.equal(lines.filter((line) => line.includes('"level":"error"') && line.includes('request failed')).length, 2,
    'both logged as errors')
  const requestLines = lines.map((line) => JSON.parse(line) as { msg: string, code?: string, status?: number })
    .filter((line) => line.msg === 'request')
  t.equal(requestLines.length, 2)
  t.ok(requestLines.every((line) => line.status === 503 && line.code === 'KIT_DEPENDENCY_UNAVAILABLE'),
    'their request lines name the code answered')
  t.throws(() => refusalOrThrow(brokerDown()), { code: 'BUS_UNAVAILABLE' }, 'over the bus it is a fault, not a refusal')
})

t.test('a refusal is told by its request line, at info, with its code and the status actually answered', async (t) => {
  const lines: string[] = []
  const Refused = createError('TEST_WRONG', '验证码错误', 400)
  const app = createApp({ service: 'test', logLevel: 'info', logStream: { write: (line) => { lines.push(line) } } })
  app.register(async (wx) => {
    await wx.register(wxEnvelope)
    wx.get('/check', async () => { throw new Refused() })
  }, { prefix: '/wx' })
  t.teardown(() => app.close())
  t.equal((await app.inject({ method: 'GET', url: '/wx/check' })).statusCode, 200)
  const written = lines.map((line) => JSON.parse(line) as { msg: string, level: string, status: number })
  t.equal(written.length, 1, 'one line')
  t.match(written[0], { msg: 'request', level: 'info', route: '/wx/check', status: 200, code: 'TEST_WRONG' })
})
