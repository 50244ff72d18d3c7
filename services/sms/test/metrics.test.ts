import t from 'tap'
import { metricValue } from '@driver/testing'
import { SmsProviderError } from '../src/errors.js'
import type { SmsProvider } from '../src/plugins/external/sms-provider.js'
import { PHONE, build, type SmsTest } from './helper.js'

const IP = '203.0.113.9'

/** What Prometheus reads on the service's own port (no gateway assertion). */
async function scrape (service: SmsTest): Promise<string> {
  const response = await service.app.inject({ method: 'GET', url: '/metrics' })
  t.equal(response.statusCode, 200)
  return response.body
}

t.test('codes sent and sends refused by reason, over /wx and the bus, never a phone in a label', async (t) => {
  let down = false
  const provider: SmsProvider = {
    name: 'switchable',
    async send () { if (down) throw new SmsProviderError() }
  }
  const service = await build(t, { provider, env: { SMS_IP_SENDS_PER_HOUR: '3' } })
  t.same((await service.wx('get', { phone: PHONE }, { ip: IP })).body, { message: 'success' })
  t.equal((await service.wx('get', { phone: PHONE }, { ip: IP })).body.code, 'SMS_RESEND_TOO_SOON')
  t.equal((await service.wx('get', { phone: '12345' }, { ip: IP })).body.code, 'SMS_INVALID_PHONE')
  down = true
  t.same(await service.peer.request('sms.send', { phone: '13900001111', purpose: 'register', clientIp: IP }),
    { sent: false, reason: '短信发送失败，请稍后再试', code: 'SMS_PROVIDER_FAILED' })
  t.equal((await service.wx('get', { phone: '13900002222' }, { ip: IP })).body.code, 'SMS_IP_LIMIT')

  const text = await scrape(service)
  t.equal(metricValue(text, 'sms_sent_total', { service: 'sms' }), 1)
  for (const reason of ['resend_too_soon', 'invalid_phone', 'provider_failed', 'ip_limit']) {
    t.equal(metricValue(text, 'sms_refused_total', { service: 'sms', reason }), 1, reason)
  }
  t.equal(metricValue(text, 'sms_refused_total'), 4, 'nothing else')
  t.notMatch(text, /1381234|1390000|203\.0\.113/, 'no phone, no address')
  t.equal(metricValue(text, 'http_request_duration_seconds_count', { route: '/wx/sms/get' }), 4,
    'requests under their route')
})
