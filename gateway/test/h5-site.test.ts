import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { SITE_ROOT } from '@driver/h5'
import { build, type Origin } from './helper.js'

const PAGES = readdirSync(SITE_ROOT).filter((name) => name.endsWith('.html'))

/** No origin saw a request: the site is the gateway's own. */
const untouched = (origins: Record<string, Origin>) =>
  Object.values(origins).every((origin) => origin.documentRequests === 0)

t.test('the H5 site is served at /wx/html/ without a session, the home page also at / and /wx/html', async (t) => {
  const { gateway, origins } = await build(t)
  for (const path of ['/', '/wx/html']) {
    const moved = await gateway.inject({ method: 'GET', url: path })
    t.equal(moved.statusCode, 302, path)
    t.equal(moved.headers.location, '/wx/html/')
  }
  const home = await gateway.inject({ method: 'GET', url: '/wx/html/' })
  const index = await gateway.inject({ method: 'GET', url: '/wx/html/index.html' })
  t.equal(home.statusCode, 200)
  t.equal(home.body, index.body, '/wx/html/ is index.html')
  t.match(home.headers['content-type'], /^text\/html/)
  t.match(home.body, /<title>司机之家<\/title>/)
  t.equal(home.headers['cache-control'], 'no-cache', 'a page is revalidated at every view')
  const csp = /script-src 'self' https:\/\/res\.wx\.qq\.com[^;]*; style-src 'self';/
  t.match(home.headers['content-security-policy'], csp)
  t.ok(home.headers.etag, 'with a validator')
  const again = await gateway.inject({
    method: 'GET', url: '/wx/html/index.html', headers: { 'if-none-match': String(index.headers.etag) }
  })
  t.equal(again.statusCode, 304, 'unchanged: nothing but headers')
  t.equal(again.body, '')
  t.ok(untouched(origins))

  const missing = await gateway.inject({ method: 'GET', url: '/wx/html/nope.html' })
  t.equal(missing.statusCode, 404)
})

t.test('jQuery and WeUI come from their npm packages, and nothing else of node_modules', async (t) => {
  const { gateway } = await build(t)
  const jquery = await gateway.inject({ method: 'GET', url: '/wx/html/vendor/jquery.min.js' })
  t.equal(jquery.statusCode, 200)
  t.match(jquery.body, /^\/\*! jQuery v3\./)
  t.match(jquery.headers['content-type'], /javascript/)
  t.equal(jquery.headers['cache-control'], 'public, max-age=86400')
  t.ok(jquery.headers.etag)
  const weui = await gateway.inject({ method: 'GET', url: '/wx/html/vendor/weui.min.css' })
  t.equal(weui.statusCode, 200)
  t.match(weui.body, /WeUI v2\./)
  const compressed = await gateway.inject({
    method: 'GET', url: '/wx/html/vendor/weui.min.css', headers: { 'accept-encoding': 'gzip' }
  })
  t.equal(compressed.headers['content-encoding'], 'gzip', 'compressed for a browser that accepts it')
  t.ok(compressed.rawPayload.length < weui.rawPayload.length / 4, 'WeUI is a fifth of its size')
  t.match(compressed.headers.vary, /accept-encoding/i)
  const api = await gateway.inject({ method: 'GET', url: '/users/1', headers: { 'accept-encoding': 'gzip' } })
  t.equal(api.headers['content-encoding'], undefined, 'the API\'s answers are not the site\'s concern')
  for (const path of ['jquery.js', 'jquery.slim.min.js', 'weui.css', 'package.json', '']) {
    const refused = await gateway.inject({ method: 'GET', url: `/wx/html/vendor/${path}` })
    t.equal(refused.statusCode, 404, `vendor/${path}`)
  }
})

t.test('every page loads only files the site serves, no inline script or style (the CSP forbids them)', async (t) => {
  const { gateway } = await build(t)
  t.ok(PAGES.length >= 11)
  for (const page of PAGES) {
    const html = readFileSync(join(SITE_ROOT, page), 'utf8')
    t.notMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, `${page}: every script has a src`)
    t.notMatch(html, /<style|\sstyle=|\son[a-z]+=/, `${page}: no inline style or handler`)
    const references = [...html.matchAll(/(?:src|href)="([^"#:]+\.(?:js|css|svg))"/g)].map((match) => match[1])
    t.ok(references.includes('vendor/jquery.min.js'), `${page} loads jQuery`)
    for (const reference of references) {
      const answer = await gateway.inject({ method: 'GET', url: `/wx/html/${reference}` })
      t.equal(answer.statusCode, 200, `${page}: ${reference}`)
    }
  }
})

t.test('the pages may show QR code pictures from where WeChat shows them, and from nowhere else', async (t) => {
  const imgSrc = (csp: unknown) => String(csp).split('; ').find((part) => part.startsWith('img-src ')) ?? ''
  const production = await build(t, { qrCodeOrigin: 'https://mp.weixin.qq.com' })
  const page = await production.gateway.inject({ method: 'GET', url: '/wx/html/sales.html' })
  t.equal(page.statusCode, 200)
  t.match(imgSrc(page.headers['content-security-policy']), / https:\/\/mp\.weixin\.qq\.com$/)
  const development = await build(t, { qrCodeOrigin: 'http://127.0.0.1:41234' })
  const local = await development.gateway.inject({ method: 'GET', url: '/wx/html/sales.html' })
  const allowed = imgSrc(local.headers['content-security-policy'])
  t.match(allowed, / http:\/\/127\.0\.0\.1:41234$/, 'the simulator that shows them in development')
  t.notMatch(allowed, /mp\.weixin\.qq\.com/)
})
