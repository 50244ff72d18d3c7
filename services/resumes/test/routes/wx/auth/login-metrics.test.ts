import t from 'tap'
import { metricValue } from '@driver/testing'
import { browserLogin, startLogin } from '../../../fixtures/wechat-login.js'
import { build } from '../../../helper.js'

t.test('failed WeChat logins are counted by kind, with WeChat\'s errcode on its API', async (t) => {
  const service = await build(t, { env: { WECHAT_SECRET: 'not-the-account-secret' } })
  await browserLogin(service)
  const forged = await service.inject({
    method: 'GET', url: '/wx/auth/callback?code=a-code&state=forged0state', user: null,
    headers: { cookie: 'wx_login_state=forged0state' }
  })
  t.equal(forged.statusCode, 200)
  const { stateCookie } = await startLogin(service)
  const declined = await service.inject({
    method: 'GET', url: `/wx/auth/callback?state=${stateCookie}`, user: null,
    headers: { cookie: `wx_login_state=${stateCookie}` }
  })
  t.equal(declined.statusCode, 200)

  const text = (await service.app.inject({ method: 'GET', url: '/metrics' })).body
  t.equal(metricValue(text, 'login_failures_total', { service: 'resumes', kind: 'wx_wechat' }), 1)
  t.equal(metricValue(text, 'login_failures_total', { kind: 'wx_state' }), 1)
  t.equal(metricValue(text, 'login_failures_total', { kind: 'wx_declined' }), 1)
  t.equal(metricValue(text, 'wechat_api_errors_total', {
    service: 'resumes', api: '/sns/oauth2/access_token', errcode: '40125'
  }), 1, 'the refused exchange, by WeChat\'s errcode')
  t.equal(metricValue(text, 'wechat_api_calls_total', { api: '/sns/oauth2/access_token' }), 1)
  t.notMatch(text, /forged0state|a-code|not-the-account-secret/)
})
