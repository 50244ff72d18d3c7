import t from 'tap'
import { createSessionSigner } from '@driver/kit/session'
import { jsDomainsOf } from '../src/platform.js'
import { build } from './helper.js'

const DRIVER = '64b7f0c2a1b2c3d4e5f6071e'

t.test('the all-in-one mode signs the JS-SDK configuration of its own pages, and of no other site', async (t) => {
  const { base, keys, wechat } = await build(t)
  const cookie = `wx_session=${(await createSessionSigner(keys.privateKey))({ sub: DRIVER })}`
  const port = new URL(base).port
  const configFor = async (page: string) => JSON.parse(await (await fetch(
    `${base}/wx/jssdk/config?url=${encodeURIComponent(page)}`, { headers: { cookie, accept: '*/*' } }
  )).text()) as { message: string, code?: string, appId?: string, signature?: string }

  for (const host of ['127.0.0.1', 'localhost']) {
    t.match(await configFor(`http://${host}:${port}/wx/html/self_info.html`), {
      message: 'success', appId: 'wx-simulated-app', signature: /^[0-9a-f]{40}$/
    }, `a page at ${host}`)
  }
  t.same(await configFor('https://h5.example.com/wx/html/self_info.html'), {
    message: '该页面的域名不能使用微信 JS 接口', code: 'MEDIA_JSSDK_URL_NOT_ALLOWED'
  }, 'another site\'s page')
  t.equal(wechat.calls.ticket, 1)
})

t.test('WECHAT_JS_DOMAINS, when given, is the whole list', async (t) => {
  const { base, keys } = await build(t, { env: { WECHAT_JS_DOMAINS: 'h5.example.com' } })
  const cookie = `wx_session=${(await createSessionSigner(keys.privateKey))({ sub: DRIVER })}`
  const ask = async (page: string) => JSON.parse(await (await fetch(
    `${base}/wx/jssdk/config?url=${encodeURIComponent(page)}`, { headers: { cookie } }
  )).text()) as { message: string, code?: string }
  t.equal((await ask('https://h5.example.com/wx/html/self_info.html')).message, 'success')
  t.equal((await ask(`${base}/wx/html/self_info.html`)).code, 'MEDIA_JSSDK_URL_NOT_ALLOWED')
})

t.test('the default names the gateway\'s own hosts outside production only', async (t) => {
  const development = { NODE_ENV: 'development' as const, HOST: '127.0.0.1' }
  t.equal(jsDomainsOf(development), '127.0.0.1,localhost')
  t.equal(jsDomainsOf({ ...development, HOST: 'devbox.local' }), '127.0.0.1,localhost,devbox.local', 'its own name')
  t.equal(jsDomainsOf({ ...development, HOST: '0.0.0.0' }), '127.0.0.1,localhost', 'every interface')
  t.equal(jsDomainsOf({ ...development, HOST: '::1' }), '127.0.0.1,localhost', 'WeChat\'s domains are no IPv6')
  t.equal(jsDomainsOf({ ...development, WECHAT_JS_DOMAINS: 'h5.example.com' }), 'h5.example.com', 'given: as given')
  t.equal(jsDomainsOf({ NODE_ENV: 'production', HOST: '0.0.0.0' }), '', 'production: only what is given')
})
