import t from 'tap'
import { Registry } from '@driver/kit'
import { metricValue } from '@driver/testing'
import { wechatMetrics } from '../../src/index.js'
import { APP_SECRET, build, rejection } from '../helper.js'

t.test('calls by API, errors by API and errcode, token and ticket refreshes by kind', async (t) => {
  const { client } = await build(t)
  const registry = new Registry()
  const metrics = wechatMetrics(registry)
  const wechat = client({ metrics })
  const token = await wechat.accessToken()
  await wechat.accessToken()
  const ticket = await wechat.jsapiTicket()
  t.match(await rejection(wechat.downloadMedia('sim-error-45009')), { errcode: 45009 })
  t.match(await rejection(wechat.downloadMedia('8xFz-expired-server-id')), { errcode: 40007 })
  t.match(await rejection(client({ metrics, appId: 'wx-other' }).accessToken()), { errcode: 40013 })
  t.match(await rejection(client({ metrics, apiUrl: 'http://127.0.0.1:1' }).exchangeCode('a-code')), {
    errcode: -1000
  })

  const text = await registry.metrics()
  const calls = (api: string) => metricValue(text, 'wechat_api_calls_total', { api })
  const errors = (api: string, errcode: string) => metricValue(text, 'wechat_api_errors_total', { api, errcode })
  t.equal(calls('/cgi-bin/token'), 2, 'one for the cached token, one refused')
  t.equal(calls('/cgi-bin/ticket/getticket'), 1)
  t.equal(calls('/cgi-bin/media/get'), 2)
  t.equal(calls('/sns/oauth2/access_token'), 1)
  t.equal(errors('/cgi-bin/media/get', '45009'), 1)
  t.equal(errors('/cgi-bin/media/get', '40007'), 1)
  t.equal(errors('/cgi-bin/token', '40013'), 1)
  t.equal(errors('/sns/oauth2/access_token', '-1000'), 1, 'unreachable')
  t.equal(metricValue(text, 'wechat_api_errors_total'), 4, 'nothing else failed')
  t.equal(metricValue(text, 'wechat_token_refreshes_total', { kind: 'access_token' }), 1, 'the cache served the rest')
  t.equal(metricValue(text, 'wechat_token_refreshes_total', { kind: 'jsapi_ticket' }), 1)
  for (const secret of [token, ticket, APP_SECRET, 'a-code']) t.notMatch(text, secret, 'no secret in a label')
})
