import t from 'tap'
import { build, type SeenRequest } from './helper.js'

const XML = '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[abc+/=]]></Encrypt></xml>'

/** WeChat's push: no session, no browser, a signed query and an XML body. */
const push = (remoteAddress: string, headers: Record<string, string> = {}) => ({
  method: 'POST' as const,
  url: '/wx/portal?signature=s&timestamp=1&nonce=2&encrypt_type=aes&msg_signature=m',
  remoteAddress,
  headers: { 'content-type': 'text/plain', ...headers },
  payload: XML
})

t.test('WeChat\'s pushes reach resumes without a session, whatever site headers they carry, body untouched',
  async (t) => {
    const { gateway } = await build(t)
    const crossSite = { 'sec-fetch-site': 'cross-site', origin: 'https://x.example' }
    const answer = await gateway.inject(push('203.0.113.50', crossSite))
    t.equal(answer.statusCode, 200)
    const seen = answer.json<SeenRequest>()
    t.equal(seen.service, 'resumes')
    t.equal(seen.url, '/wx/portal?signature=s&timestamp=1&nonce=2&encrypt_type=aes&msg_signature=m')
    t.equal(seen.body, XML, 'the bytes as WeChat sent them')
    t.equal(seen.headers['x-wx-user-id'], undefined, 'no user is asserted')
    const check = await gateway.inject({ method: 'GET', url: '/wx/portal?signature=s&timestamp=1&nonce=2&echostr=e' })
    t.equal(check.json<SeenRequest>().service, 'resumes', 'the URL check too')
  })

t.test('with WECHAT_PUSH_ALLOWED_IPS only those addresses may push; the other routes are not affected',
  async (t) => {
    const { gateway } = await build(t, { wechatPushAllowedIps: ['203.0.113.0/28'], mefpAllowedIps: ['198.51.100.1'] })
    t.equal((await gateway.inject(push('203.0.113.5'))).statusCode, 200, 'inside the list')
    const refused = await gateway.inject(push('192.0.2.1'))
    t.equal(refused.statusCode, 403)
    t.same(refused.json(), { message: '禁止访问', code: 'KIT_FORBIDDEN' }, 'in the /wx envelope')
    const login = await gateway.inject({ method: 'GET', url: '/wx/auth/login', remoteAddress: '192.0.2.1' })
    t.equal(login.statusCode, 200)
    const token = { method: 'POST' as const, url: '/users/token', remoteAddress: '203.0.113.5', payload: 'x' }
    t.equal((await gateway.inject(token)).statusCode, 403, 'the push list opens nothing else')
  })
