import t from 'tap'
import { Type } from 'typebox'
import { acceptsJsonExplicitly, createApp, createError, wxEnvelope, type App } from '../src/index.js'

const BusinessError = createError('TEST_WRONG_PHONE', '错误的手机号码', 400)

/** The same routes under `/wx` (a scope with `wxEnvelope`, as a service's routes/wx/index.ts) and under `/users`. */
function appWithBothEnvelopes (t: { teardown: (fn: () => unknown) => void }) {
  const app = createApp({ service: 'test', logLevel: 'silent', forms: true })
  const routes = (envelope: 'wx' | 'users') => async (scope: App) => {
    if (envelope === 'wx') await scope.register(wxEnvelope)
    const body = Type.Object({ phone: Type.String({ pattern: '^1\\d{10}$' }), married: Type.Optional(Type.Integer()) })
    scope.post('/echo', { schema: { body } }, async (request) => (
      envelope === 'wx' ? { message: 'success', data: request.body } : { result: 1, data: request.body }
    ))
    scope.get('/business', async () => { throw new BusinessError() })
    scope.get('/crash', async () => { throw new Error('connection string mongodb://admin:hunter2@db leaked') })
  }
  app.register(routes('wx'), { prefix: '/wx' })
  app.register(routes('users'), { prefix: '/users' })
  t.teardown(() => app.close())
  return app
}

t.test('/wx success is JSON text, typed as text unless the client asks for JSON', async (t) => {
  const app = appWithBothEnvelopes(t)
  const jquery = await app.inject({
    method: 'POST', url: '/wx/echo', headers: { accept: '*/*' }, payload: { phone: '13812345678' }
  })
  t.equal(jquery.statusCode, 200)
  t.equal(jquery.headers['content-type'], 'text/plain; charset=utf-8')
  t.same(JSON.parse(jquery.body), { message: 'success', data: { phone: '13812345678' } })

  const explicit = await app.inject({
    method: 'POST',
    url: '/wx/echo',
    headers: { accept: 'application/json, text/javascript, */*; q=0.01' },
    payload: { phone: '13812345678' }
  })
  t.match(explicit.headers['content-type'], /^application\/json/)

  const users = await app.inject({ method: 'POST', url: '/users/echo', payload: { phone: '13812345678' } })
  t.match(users.headers['content-type'], /^application\/json/, '/users always answers JSON')
})

t.test('/wx business and validation failures answer 200 with message and code', async (t) => {
  const app = appWithBothEnvelopes(t)
  const business = await app.inject({ method: 'GET', url: '/wx/business' })
  t.equal(business.statusCode, 200)
  t.same(JSON.parse(business.body), { message: '错误的手机号码', code: 'TEST_WRONG_PHONE' })

  const invalid = await app.inject({ method: 'POST', url: '/wx/echo', payload: { phone: 'abc' } })
  t.equal(invalid.statusCode, 200)
  t.same(JSON.parse(invalid.body), { message: '参数错误: phone', code: 'KIT_VALIDATION' })

  const operator = await app.inject({ method: 'POST', url: '/wx/echo', payload: { phone: { $ne: null } } })
  t.same(JSON.parse(operator.body), { message: '参数错误: phone', code: 'KIT_VALIDATION' }, 'operator objects are rejected')

  const missing = await app.inject({ method: 'POST', url: '/wx/echo', payload: {} })
  t.same(JSON.parse(missing.body), { message: '参数错误: phone', code: 'KIT_VALIDATION' })

  const badJson = await app.inject({
    method: 'POST', url: '/wx/echo', headers: { 'content-type': 'application/json' }, payload: '{"phone":'
  })
  t.equal(badJson.statusCode, 200)
  t.same(JSON.parse(badJson.body), { message: '请求格式错误', code: 'FST_ERR_CTP_INVALID_JSON_BODY' })
})

t.test('/users failures use real statuses and the result/msg envelope', async (t) => {
  const app = appWithBothEnvelopes(t)
  const business = await app.inject({ method: 'GET', url: '/users/business' })
  t.equal(business.statusCode, 400)
  t.same(business.json(), { result: 0, msg: '错误的手机号码', code: 'TEST_WRONG_PHONE' })

  const invalid = await app.inject({ method: 'POST', url: '/users/echo', payload: { phone: '1', married: 'yes' } })
  t.equal(invalid.statusCode, 400)
  t.equal(invalid.json().code, 'KIT_VALIDATION')
})

t.test('unknown fields are dropped and form values are converted', async (t) => {
  const app = appWithBothEnvelopes(t)
  const response = await app.inject({
    method: 'POST',
    url: '/wx/echo',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'phone=13812345678&married=1&role=1'
  })
  t.same(JSON.parse(response.body).data, { phone: '13812345678', married: 1 })
})

t.test('wrong types are refused, not coerced: numbers and arrays where a string is due, ' +
  'strings where JSON has numbers', async (t) => {
  const app = appWithBothEnvelopes(t)
  const wrongTypes = [
    { phone: 13812345678 }, { phone: ['13812345678'] }, { phone: 1.38e10 }, { phone: '13812345678', married: '1' },
    { phone: true }
  ]
  for (const payload of wrongTypes) {
    const response = await app.inject({ method: 'POST', url: '/wx/echo', payload })
    const field = 'married' in payload ? 'married' : 'phone'
    t.same(JSON.parse(response.body), { message: `参数错误: ${field}`, code: 'KIT_VALIDATION' }, JSON.stringify(payload))
  }
  const form = { 'content-type': 'application/x-www-form-urlencoded' }
  const repeated = await app.inject({
    method: 'POST', url: '/wx/echo', headers: form, payload: 'phone=13812345678&phone=13912345678'
  })
  t.equal(JSON.parse(repeated.body).code, 'KIT_VALIDATION', 'a repeated form field is not a phone')
  const notANumber = await app.inject({
    method: 'POST', url: '/wx/echo', headers: form, payload: 'phone=13812345678&married=yes'
  })
  t.equal(JSON.parse(notANumber.body).code, 'KIT_VALIDATION', 'a form value that is no number stays refused')
})

t.test('a server fault is a 5xx whose details never reach the client', async (t) => {
  const app = appWithBothEnvelopes(t)
  for (const url of ['/wx/crash', '/users/crash']) {
    const response = await app.inject({ method: 'GET', url })
    t.equal(response.statusCode, 500, url)
    t.notMatch(response.body, 'hunter2')
    t.match(response.body, '服务器内部错误')
  }
})

t.test('Accept negotiation counts only an explicit JSON media type', async (t) => {
  t.equal(acceptsJsonExplicitly(undefined), false)
  t.equal(acceptsJsonExplicitly('*/*'), false)
  t.equal(acceptsJsonExplicitly('text/html,application/xhtml+xml,*/*;q=0.8'), false)
  t.equal(acceptsJsonExplicitly('application/json'), true)
  t.equal(acceptsJsonExplicitly('Application/JSON; charset=utf-8'), true)
  t.equal(acceptsJsonExplicitly('application/problem+json'), true)
  t.equal(acceptsJsonExplicitly('application/json;q=0'), false)
})

t.test('404s take the envelope of the scope they fall in', async (t) => {
  const app = appWithBothEnvelopes(t)
  const wx = await app.inject({ method: 'GET', url: '/wx/nothing' })
  t.equal(wx.statusCode, 404)
  t.same(JSON.parse(wx.body), { message: '接口不存在', code: 'KIT_NOT_FOUND' })
  const users = await app.inject({ method: 'GET', url: '/users/nothing' })
  t.same(users.json(), { result: 0, msg: '接口不存在', code: 'KIT_NOT_FOUND' })
  const wxLookalike = await app.inject({ method: 'GET', url: '/wxyz' })
  t.same(wxLookalike.json(), { result: 0, msg: '接口不存在', code: 'KIT_NOT_FOUND' },
    'a path merely starting with /wx is not in the /wx scope')
})

t.test('every response carries the request id', async (t) => {
  const app = appWithBothEnvelopes(t)
  const given = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'req-1' } })
  t.equal(given.headers['x-request-id'], 'req-1')
  const made = await app.inject({ method: 'GET', url: '/healthz' })
  t.match(made.headers['x-request-id'], /^[0-9a-f-]{36}$/)
})
