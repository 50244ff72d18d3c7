import t from 'tap'
import { ROUTE_TABLE } from '../src/route-table.js'
import { USER_ID, build, type SeenRequest } from './helper.js'

t.test('every path of the route table reaches its service with the path unchanged', async (t) => {
  const { gateway, sign } = await build(t)
  const session = sign({ sub: USER_ID })
  for (const route of ROUTE_TABLE) {
    const url = `${route.prefix}/some/thing?x=1`
    const response = await gateway.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${session}` },
      remoteAddress: route.mefpOnly ? '127.0.0.1' : '10.1.1.1',
      payload: { a: 1 }
    })
    if (route.mefpOnly) {
      t.equal(response.statusCode, 403, `${route.prefix} is closed to callers outside the allow-list`)
      continue
    }
    t.equal(response.statusCode, 200, url)
    const seen = response.json<SeenRequest>()
    t.equal(seen.service, route.upstream, `${route.prefix} → ${route.upstream}`)
    t.equal(seen.url, url)
    t.same(seen.body, { a: 1 }, 'the body is passed on')
  }
})

t.test('the seed paths of /users all go to identity', async (t) => {
  const { gateway } = await build(t)
  for (const [method, url] of [
    ['POST', '/users/login'], ['POST', '/users/register'], ['POST', '/users/activate'], ['PUT', '/users/12'],
    ['GET', '/users/12'], ['GET', '/users?keyword=x'], ['POST', '/users/consignors'], ['PUT', '/users/consignors/3'],
    ['GET', '/users/consignors/3'], ['POST', '/users/drivers'], ['PUT', '/users/driver/4'], ['GET', '/users/drivers/4'],
    ['GET', '/users/check?login_name=13812345678'], ['GET', '/users/captcha'], ['POST', '/users/captcha']
  ] as const) {
    const response = await gateway.inject({ method, url })
    t.equal(response.json<SeenRequest>().service, 'identity', `${method} ${url}`)
  }
})

t.test('unknown paths answer 404 in the envelope of their family', async (t) => {
  const { gateway } = await build(t)
  const wx = await gateway.inject({ method: 'GET', url: '/wx/nothing-here' })
  t.equal(wx.statusCode, 404)
  t.same(JSON.parse(wx.body), { message: '接口不存在', code: 'KIT_NOT_FOUND' })
  t.equal(wx.headers['content-type'], 'text/plain; charset=utf-8')

  const other = await gateway.inject({ method: 'GET', url: '/nothing-here' })
  t.equal(other.statusCode, 404)
  t.same(other.json(), { result: 0, msg: '接口不存在', code: 'KIT_NOT_FOUND' })
})

t.test('the dev outbox route is absent in production', async (t) => {
  const { gateway } = await build(t, { devRoutes: false })
  const response = await gateway.inject({ method: 'GET', url: '/dev/sms/outbox?phone=13812345678' })
  t.equal(response.statusCode, 404)
})

t.test('the request id is taken from the client or generated, and reaches the service', async (t) => {
  const { gateway } = await build(t)
  const given = await gateway.inject({ method: 'GET', url: '/users/1', headers: { 'x-request-id': 'abc-123' } })
  t.equal(given.headers['x-request-id'], 'abc-123')
  t.equal(given.json<SeenRequest>().headers['x-request-id'], 'abc-123')

  const generated = await gateway.inject({ method: 'GET', url: '/users/1' })
  const id = generated.headers['x-request-id']
  t.match(id, /^[0-9a-f-]{36}$/)
  t.equal(generated.json<SeenRequest>().headers['x-request-id'], id)

  const hostile = await gateway.inject({
    method: 'GET', url: '/users/1', headers: { 'x-request-id': 'evil\nline' + 'x'.repeat(200) }
  })
  t.match(hostile.headers['x-request-id'], /^[0-9a-f-]{36}$/, 'an unsafe id is replaced')
})

t.test('a forged client IP header is overwritten with the address the gateway saw', async (t) => {
  const { gateway } = await build(t)
  const response = await gateway.inject({
    method: 'GET',
    url: '/users/1',
    remoteAddress: '10.9.8.7',
    headers: { 'x-client-ip': '1.1.1.1', 'x-forwarded-for': '2.2.2.2' }
  })
  t.equal(response.json<SeenRequest>().headers['x-client-ip'], '10.9.8.7')
})

t.test('a declared body over the limit is refused before it reaches the service', async (t) => {
  const { gateway, sign } = await build(t)
  const big = 'x'.repeat(80 * 1024)
  const refused = await gateway.inject({
    method: 'POST', url: '/users/register', headers: { 'content-type': 'text/plain' }, payload: big
  })
  t.equal(refused.statusCode, 413)
  t.same(refused.json(), { result: 0, msg: '请求内容过大', code: 'KIT_PAYLOAD_TOO_LARGE' })

  const upload = await gateway.inject({
    method: 'POST',
    url: '/wx/resume_image/save/head_image',
    headers: { 'content-type': 'text/plain', authorization: `Bearer ${sign({ sub: USER_ID })}` },
    payload: big
  })
  t.equal(upload.statusCode, 200, 'photo uploads have their own, larger limit')
  t.equal(upload.json<SeenRequest>().service, 'media')
})

t.test('per-IP rate limiting answers 429 in the envelope', async (t) => {
  const { gateway } = await build(t, { rateLimit: { max: 3, windowMs: 60_000 } })
  for (let i = 0; i < 3; i++) {
    t.equal((await gateway.inject({ method: 'GET', url: '/users/1', remoteAddress: '10.0.0.5' })).statusCode, 200)
  }
  const limited = await gateway.inject({ method: 'GET', url: '/users/1', remoteAddress: '10.0.0.5' })
  t.equal(limited.statusCode, 429)
  t.same(limited.json(), { result: 0, msg: '请求过于频繁，请稍后再试', code: 'KIT_RATE_LIMITED' })
  const wxLimited = await gateway.inject({ method: 'GET', url: '/wx/auth/login', remoteAddress: '10.0.0.5' })
  t.equal(wxLimited.statusCode, 429)
  t.equal(JSON.parse(wxLimited.body).message, '请求过于频繁，请稍后再试')
  const other = await gateway.inject({ method: 'GET', url: '/users/1', remoteAddress: '10.0.0.6' })
  t.equal(other.statusCode, 200, 'another client is not limited')
  const health = await gateway.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.0.0.5' })
  t.equal(health.statusCode, 200, 'health probes are not limited')
})
