import t from 'tap'
import { createHash } from 'node:crypto'
import { createWechatClient } from '@driver/wechat'
import { APP_ID, APP_SECRET, build } from '../../../helper.js'

const NOW = new Date('2024-05-01T08:30:00.000Z')
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex')

interface Config {
  message: string, appId: string, timestamp: number, nonceStr: string, signature: string, code?: string
}

t.test('a page on a listed domain gets wx.config\'s values, ' +
  'signed over its url as given, less the fragment', async (t) => {
  const service = await build(t, { env: { WECHAT_JS_DOMAINS: 'h5.example.com, m.example.com' }, clock: () => NOW })
  const page = 'https://h5.example.com/wx/html/update_id.html?resume_id=5f1d7c2e9a3b4c5d6e7f8091&name=%E5%BC%A0%E4%B8%89'
  const response = await service.inject({
    method: 'GET', url: `/wx/jssdk/config?url=${encodeURIComponent(`${page}#/step/2`)}`
  })
  const config = JSON.parse(response.body) as Config
  t.match(config, { message: 'success', appId: APP_ID, timestamp: NOW.getTime() / 1000, nonceStr: /^[A-Za-z0-9]{16}$/ })
  // Another client on the service's store reads the same cached ticket.
  const reader = createWechatClient({
    apiUrl: service.simulator.url, openUrl: service.simulator.url, appId: APP_ID, secret: APP_SECRET,
    store: service.app.store
  })
  t.teardown(() => reader.close())
  const ticket = await reader.jsapiTicket()
  t.equal(config.signature,
    sha1(`jsapi_ticket=${ticket}&noncestr=${config.nonceStr}&timestamp=${config.timestamp}&url=${page}`))
  t.equal(service.simulator.calls.ticket, 1)

  const again = JSON.parse((await service.inject({ method: 'POST', url: '/wx/jssdk/config', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `url=${encodeURIComponent('http://m.example.com/')}` })).body) as Config
  t.equal(again.message, 'success', 'a form post works too')
  t.not(again.nonceStr, config.nonceStr, 'a fresh nonce each time')
  t.equal(service.simulator.calls.ticket, 1, 'the ticket is cached')
})

t.test('only pages on WECHAT_JS_DOMAINS are signed, and WeChat is not asked for the others', async (t) => {
  const service = await build(t, { env: { WECHAT_JS_DOMAINS: 'h5.example.com' } })
  const ask = async (url: string) => {
    const response = await service.inject({ method: 'GET', url: `/wx/jssdk/config?url=${encodeURIComponent(url)}` })
    return JSON.parse(response.body) as Config
  }
  for (const url of ['https://evil.example.net/', 'https://sub.h5.example.com/', 'https://h5.example.com.evil.net/']) {
    t.same(await ask(url), { message: '该页面的域名不能使用微信 JS 接口', code: 'MEDIA_JSSDK_URL_NOT_ALLOWED' }, url)
  }
  for (const url of ['h5.example.com/page', 'javascript:alert(1)', 'ftp://h5.example.com/']) {
    t.same(await ask(url), { message: '页面地址格式错误', code: 'MEDIA_JSSDK_URL_INVALID' }, url)
  }
  t.same(JSON.parse((await service.inject({ method: 'GET', url: '/wx/jssdk/config' })).body), {
    message: '参数错误: url', code: 'KIT_VALIDATION'
  })
  t.equal(service.simulator.calls.ticket, 0)
})

t.test('with no domain listed, no page is signed', async (t) => {
  const service = await build(t)
  const answer = JSON.parse((await service.inject({ method: 'GET', url: `/wx/jssdk/config?url=${encodeURIComponent('https://h5.example.com/')}` })).body) as Config
  t.equal(answer.code, 'MEDIA_JSSDK_URL_NOT_ALLOWED')
})

t.test('without a session there is no configuration', async (t) => {
  const service = await build(t, { env: { WECHAT_JS_DOMAINS: 'h5.example.com' } })
  const response = await service.inject({ method: 'GET', url: `/wx/jssdk/config?url=${encodeURIComponent('https://h5.example.com/')}`, user: null })
  t.equal(response.statusCode, 401)
})
