import t from 'tap'
import { buildTestGateway, type SeenRequest } from './helper.js'

const token = (remoteAddress: string, headers: Record<string, string> = {}) => ({
  method: 'POST' as const, url: '/users/token', remoteAddress, headers: { 'content-type': 'text/plain', ...headers }, payload: 'ciphertext'
})

t.test('POST /users/token is open to listed IPs and CIDRs only', async (t) => {
  const { gateway } = await buildTestGateway(t, { mefpAllowedIps: ['203.0.113.7', '198.51.100.0/24'] })
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
  const { gateway } = await buildTestGateway(t, { mefpAllowedIps: ['203.0.113.7'] })
  for (const url of ['/users/token/', '/users/%74oken', '/users/token?x=1']) {
    t.equal((await gateway.inject({ ...token('192.0.2.1'), url })).statusCode, 403, url)
  }
})

t.test('without TRUST_PROXY a forged X-Forwarded-For is ignored', async (t) => {
  const { gateway } = await buildTestGateway(t, { mefpAllowedIps: ['203.0.113.7'] })
  const forged = await gateway.inject(token('192.0.2.1', { 'x-forwarded-for': '203.0.113.7' }))
  t.equal(forged.statusCode, 403)
})

t.test('with TRUST_PROXY the client address comes from the trusted proxy, and forgery still fails', async (t) => {
  const { gateway } = await buildTestGateway(t, { mefpAllowedIps: ['203.0.113.7'], trustProxy: ['10.0.0.0/8'] })
  const viaProxy = await gateway.inject(token('10.0.0.2', { 'x-forwarded-for': '203.0.113.7' }))
  t.equal(viaProxy.statusCode, 200, 'the proxy reports the real client')

  const forgedThroughProxy = await gateway.inject(token('10.0.0.2', { 'x-forwarded-for': '203.0.113.7, 192.0.2.1' }))
  t.equal(forgedThroughProxy.statusCode, 403, 'the address the proxy saw wins over one the client wrote')

  const untrustedSender = await gateway.inject(token('192.0.2.1', { 'x-forwarded-for': '203.0.113.7' }))
  t.equal(untrustedSender.statusCode, 403, 'a sender that is not a listed proxy cannot set the header')
})

t.test('with an empty allow-list nobody reaches the token endpoint', async (t) => {
  const { gateway } = await buildTestGateway(t)
  t.equal((await gateway.inject(token('127.0.0.1'))).statusCode, 403)
})
