import t from 'tap'
import type { ConfigError } from '@driver/kit'
import { loadGatewayConfig } from '../src/config.js'
import { gatewayOptions } from '../src/options.js'
import { ROUTE_TABLE, type Upstream } from '../src/route-table.js'
import { USER_ID, build, type SeenRequest, type TestGateway } from './helper.js'

const HOST = 'driver.example.com'
const REFUSED = { message: '请从本站页面提交', code: 'GATEWAY_CROSS_SITE' }

/** A GET as a browser sends it with the driver's session cookie, `headers` saying where the page was. */
async function browserGet (test: TestGateway, url: string, headers: Record<string, string>) {
  return await test.gateway.inject({
    method: 'GET', url, headers: { host: HOST, ...headers }, cookies: { wx_session: test.sign({ sub: USER_ID }) }
  })
}

const fromAnotherSite = { 'sec-fetch-site': 'cross-site', referer: 'https://evil.example.net/page.html' }

/** The writes a link on another site made before: resume, profile, a deletion, an SMS. */
const WRITES: Array<[string, Upstream]> = [
  ['/wx/resume/opt?real_name=X', 'resumes'],
  ['/wx/self_info/update?real_name=X&gender=1', 'resumes'],
  ['/wx/resume/extend?opt=delete_work&w_id=5f1d7c2e9a3b4c5d6e7f8092', 'resumes'],
  ['/wx/sms/get?phone=13812345678', 'sms'],
  ['/wx/auto_download/id_image?server_id=x&table_name=id_image&field_name=id_image_face', 'media'],
  ['/wx/auth/logout', 'resumes']
]

t.test('a link on another site cannot change the resume or send an SMS with the session cookie', async (t) => {
  const test = await build(t)
  for (const [url, service] of WRITES) {
    const before = test.origins[service].requests
    const response = await browserGet(test, url, fromAnotherSite)
    t.same([response.statusCode, JSON.parse(response.body)], [403, REFUSED], `${url} is refused`)
    t.equal(test.origins[service].requests, before, 'and never reaches the service')
  }
  const posted = await test.gateway.inject({
    method: 'POST', url: '/wx/resume/opt', payload: 'real_name=X',
    headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example.net' },
    cookies: { wx_session: test.sign({ sub: USER_ID }) }
  })
  t.same([posted.statusCode, JSON.parse(posted.body)], [403, REFUSED], 'a form another site posts, seen by its Origin')
})

t.test('the site\'s own pages, and clients that are not browsers, still write', async (t) => {
  const test = await build(t, { siteHosts: ['www.example.com', 'h5.example.org'] })
  const own: Array<Record<string, string>> = [
    { 'sec-fetch-site': 'same-origin', origin: `https://${HOST}`, referer: `https://${HOST}/resume.html` },
    { 'sec-fetch-site': 'none' },
    { 'sec-fetch-site': 'same-site', origin: 'https://www.example.com' },
    { 'sec-fetch-site': 'same-site', referer: 'https://www.example.com/resume.html' },
    { origin: `http://${HOST}:8080` },
    { referer: `https://${HOST.toUpperCase()}/resume.html` },
    { referer: 'https://h5.example.org/resume.html' },
    {}
  ]
  for (const headers of own) {
    const response = await browserGet(test, '/wx/resume/opt?real_name=X', headers)
    t.equal(response.statusCode, 200, JSON.stringify(headers))
    t.equal(response.json<SeenRequest>().url, '/wx/resume/opt?real_name=X', 'the service gets it')
  }
})

t.test('another subdomain, a foreign Origin or Referer, or an opaque origin are other sites', async (t) => {
  const test = await build(t, { siteHosts: ['www.example.com'] })
  const others: Array<Record<string, string>> = [
    { 'sec-fetch-site': 'same-site', origin: 'https://blog.example.com' },
    { 'sec-fetch-site': 'same-site', referer: 'https://blog.example.com/post' },
    { 'sec-fetch-site': 'same-site' },
    { 'sec-fetch-site': 'cross-site', origin: `https://${HOST}` },
    { origin: 'https://evil.example.net' },
    { origin: 'null' },
    { referer: 'https://evil.example.net/page.html' },
    { origin: `https://${HOST}`, referer: 'https://evil.example.net/page.html' },
    { referer: `https://${HOST}.evil.example.net/` }
  ]
  for (const headers of others) {
    const response = await browserGet(test, '/wx/self_info/update?real_name=X', headers)
    t.same([response.statusCode, JSON.parse(response.body)], [403, REFUSED], JSON.stringify(headers))
  }
})

t.test('reads and WeChat\'s login redirects stay reachable from other sites', async (t) => {
  const test = await build(t)
  for (const url of [
    '/wx/self_info/view', '/wx/resume/view', '/wx/images/5f1d7c2e9a3b4c5d6e7f8093',
    '/wx/jssdk/config?url=https%3A%2F%2Fdriver.example.com%2F', '/wx/auth/login?redirect=/wx/self_info/view',
    '/wx/auth/callback?code=c&state=s'
  ]) {
    const response = await browserGet(test, url, fromAnotherSite)
    t.equal(response.statusCode, 200, url)
    t.equal(response.json<SeenRequest>().url, url, 'the service gets it')
  }
})

t.test('every /wx prefix of the route table is closed to other sites unless it is a read', async (t) => {
  const test = await build(t)
  const reads = new Set(['/wx/images', '/wx/jssdk', '/wx/resume/view', '/wx/self_info/view', '/wx/sales/drivers',
    '/wx/auth/login', '/wx/auth/callback', '/wx/portal'])
  for (const route of ROUTE_TABLE.filter((candidate) => candidate.prefix.startsWith('/wx/'))) {
    const response = await browserGet(test, `${route.prefix}/x`, fromAnotherSite)
    t.equal(response.statusCode, reads.has(route.prefix) ? 200 : 403, route.prefix)
  }
})

t.test('SITE_HOSTS lists host names; a URL or a port in it stops the start', async (t) => {
  const given = {
    upstreams: { identity: 'x', resumes: 'x', media: 'x', sms: 'x' }, sessionPublicKey: 'k', assertionSecret: 's'
  }
  const options = gatewayOptions(loadGatewayConfig({ SITE_HOSTS: 'www.example.com, h5.example.org' }), given)
  t.same(options.siteHosts, ['www.example.com', 'h5.example.org'])
  for (const bad of ['https://www.example.com', 'www.example.com:8443', 'www.example.com/path']) {
    const error = t.throws(() => loadGatewayConfig({ SITE_HOSTS: bad })) as ConfigError
    t.same(error.variables, ['SITE_HOSTS'], bad)
  }
})
