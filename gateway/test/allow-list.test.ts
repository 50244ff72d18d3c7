import t from 'tap'
import { build, type SeenRequest } from './helper.js'
import { rawClient, startRecordingOrigins } from './raw-paths.js'

const token = (remoteAddress: string, headers: Record<string, string> = {}) => ({
  method: 'POST' as const,
  url: '/users/token',
  remoteAddress,
  headers: { 'content-type': 'text/plain', ...headers },
  payload: 'ciphertext'
})

t.test('POST /users/token is open to listed IPs and CIDRs only', async (t) => {
  const { gateway } = await build(t, { mefpAllowedIps: ['203.0.113.7', '198.51.100.0/24'] })
  const exact = await gateway.inject(token('203.0.113.7'))
  t.equal(exact.statusCode, 200)
  t.equal(exact.json<SeenRequest>().service, 'identity')
  t.equal(exact.json<SeenRequest>().headers['x-client-ip'], '203.0.113.7', 'identity can check again')

  t.equal((await gateway.inject(token('198.51.100.42'))).statusCode, 200, 'inside the CIDR')
  t.equal((await gateway.inject(token('::ffff:198.51.100.42'))).statusCode, 200, 'IPv4-mapped IPv6 form')

  const denied = await gateway.inject(token('192.0.2.1'))
  t.equal(denied.statusCode, 403)
  t.same(denied.json(), { result: 0, msg: '禁止访问', code: 'KIT_FORBIDDEN' })
})

t.test('the allow-list cannot be dodged by spelling the path differently', async (t) => {
  const { gateway } = await build(t, { mefpAllowedIps: ['203.0.113.7'] })
  for (const url of ['/users/token/', '/users/%74oken', '/users/token?x=1']) {
    t.equal((await gateway.inject({ ...token('192.0.2.1'), url })).statusCode, 403, url)
  }
})

/** Spellings that URL resolution turns into /users/token after the gateway has routed them (issue 8). */
const DOT_SPELLINGS = [
  '/users/%2e/token', '/users/./token', '/users/./././token', '/users/%2E/token', '/users/.\\token',
  '/users/./token?x=1', '/users/x/../token', '/users/x/%2e%2e/token', '/users/.%2e/x/../token', '/users/token/.',
  '/users/token/%2e'
]

t.test('dot segments, encoded dots and backslashes never carry a request past the allow-list', async (t) => {
  const { upstreams, received } = await startRecordingOrigins(t)
  const { gateway } = await build(t, { mefpAllowedIps: ['203.0.113.7'], trustProxy: ['127.0.0.1'], upstreams })
  const send = await rawClient(t, gateway)
  for (const path of DOT_SPELLINGS) {
    const answer = await send('POST', path)
    t.ok([400, 403].includes(answer.status), `${path} → ${answer.status}`)
    t.match(JSON.parse(answer.body), { result: 0, code: String }, `${path} is refused in the /users envelope`)
  }
  t.same(received, [], 'identity received none of them')

  const fromMefp = await send('POST', '/users/./token', { 'x-forwarded-for': '203.0.113.7' })
  t.equal(fromMefp.status, 400, 'a path that is not in its normal form is refused whoever sends it')
  t.same(received, [])
  const normal = await send('POST', '/users/token', { 'x-forwarded-for': '203.0.113.7' })
  t.equal(normal.status, 200)
  const reached = [{ service: 'identity', method: 'POST', url: '/users/token' }]
  t.same(received, reached, 'the normal form still reaches identity')
})

t.test('a path that would change on its way to a service is refused with 400 ' +
  'in the envelope of its prefix', async (t) => {
  const { upstreams, received } = await startRecordingOrigins(t)
  const { gateway } = await build(t, { mefpAllowedIps: ['203.0.113.7'], upstreams })
  const send = await rawClient(t, gateway)
  const refused = { result: 0, msg: '请求路径无效', code: 'GATEWAY_PATH_NOT_NORMAL' }
  for (const path of [
    '/users//token', '/users/%2ftoken', '/users/%2Ftoken', '/users/%5ctoken', '/users/token;x=1', '//users/token',
    '/users/1/.', 'http://gateway/users/token'
  ]) {
    const answer = await send('POST', path)
    t.equal(answer.status, 400, path)
    t.same(JSON.parse(answer.body), refused, path)
  }
  for (const path of ['/wx/auth/%2e%2e/self_info/view', '/wx/auth/./login', '/wx/sms/get/..', '/wx/auth/.\\login']) {
    const answer = await send('GET', path)
    const wxRefused = { message: '请求路径无效', code: 'GATEWAY_PATH_NOT_NORMAL' }
    t.same(JSON.parse(answer.body), wxRefused, `${path} in the /wx envelope`)
  }
  t.same(received, [], 'no service received any of them')

  for (const path of [
    '/users/1', '/users/.hidden', '/users/a.b/%2etoken', '/users/token%3bx', '/users/1?next=/../token;x',
    '/wx/auth/login?redirect=%2F%2e%2e'
  ]) {
    t.equal((await send('GET', path)).status, 200, `${path} is in its normal form`)
    t.equal(received.at(-1)?.url, path, `${path} reaches the service unchanged`)
  }
})

t.test('without TRUST_PROXY a forged X-Forwarded-For is ignored', async (t) => {
  const { gateway } = await build(t, { mefpAllowedIps: ['203.0.113.7'] })
  const forged = await gateway.inject(token('192.0.2.1', { 'x-forwarded-for': '203.0.113.7' }))
  t.equal(forged.statusCode, 403)
})

t.test('with TRUST_PROXY the client address comes from the trusted proxy, and forgery still fails', async (t) => {
  const { gateway } = await build(t, { mefpAllowedIps: ['203.0.113.7'], trustProxy: ['10.0.0.0/8'] })
  const viaProxy = await gateway.inject(token('10.0.0.2', { 'x-forwarded-for': '203.0.113.7' }))
  t.equal(viaProxy.statusCode, 200, 'the proxy reports the real client')

  const forgedThroughProxy = await gateway.inject(token('10.0.0.2', { 'x-forwarded-for': '203.0.113.7, 192.0.2.1' }))
  t.equal(forgedThroughProxy.statusCode, 403, 'the address the proxy saw wins over one the client wrote')

  const untrustedSender = await gateway.inject(token('192.0.2.1', { 'x-forwarded-for': '203.0.113.7' }))
  t.equal(untrustedSender.statusCode, 403, 'a sender that is not a listed proxy cannot set the header')
})

t.test('with an empty allow-list nobody reaches the token endpoint', async (t) => {
  const { gateway } = await build(t)
  t.equal((await gateway.inject(token('127.0.0.1'))).statusCode, 403)
})
