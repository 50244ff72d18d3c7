import t from 'tap'
import { SmsProviderError } from '../../../src/errors.js'
import type { SmsProvider, VerificationMessage } from '../../../src/plugins/external/sms-provider.js'
import { PHONE, build } from '../../helper.js'
import { startAliyunStub } from '../../fixtures/aliyun-stub.js'

/** Delivers (into `sent`) unless switched off, like an SMS gateway having an outage. */
class SwitchableProvider implements SmsProvider {
  readonly name = 'switchable'
  down = false
  readonly sent: VerificationMessage[] = []
  async send (message: VerificationMessage): Promise<void> {
    if (this.down) throw new SmsProviderError()
    this.sent.push(message)
  }
}

t.test('a provider failure is a clear message and costs the user nothing', async (t) => {
  const provider = new SwitchableProvider()
  const service = await build(t, { provider })
  provider.down = true
  const failed = await service.wx('get', { phone: PHONE })
  t.equal(failed.status, 502)
  t.same(failed.body, { message: '短信发送失败，请稍后再试', code: 'SMS_PROVIDER_FAILED' })

  provider.down = false
  const retried = await service.wx('get', { phone: PHONE })
  t.same(retried.body, { message: 'success' }, 'no 60 s wait after a failed send')
  t.equal(provider.sent.length, 1, 'the retry delivered a code')

  service.clock.advance(61_000)
  for (let i = 2; i <= 10; i++) {
    t.equal((await service.wx('get', { phone: PHONE })).body.message, 'success', `send ${i} of the day`)
    service.clock.advance(61_000)
  }
  t.equal((await service.wx('get', { phone: PHONE })).body.code, 'SMS_DAILY_LIMIT', 'the failed send did not count')
})

t.test('a provider failure costs the platform\'s budget nothing', async (t) => {
  const provider = new SwitchableProvider()
  const service = await build(t, { provider, env: { SMS_SENDS_PER_HOUR: '1' } })
  provider.down = true
  t.equal((await service.wx('get', { phone: PHONE })).body.code, 'SMS_PROVIDER_FAILED')
  provider.down = false
  t.same((await service.wx('get', { phone: PHONE })).body, { message: 'success' }, 'the one send of the hour')
  t.equal((await service.wx('get', { phone: '13912345678' })).body.code, 'SMS_BUDGET_EXHAUSTED')
})

/** The service configured for Aliyun, pointed at the local stub. */
const aliyunEnv = (endpoint: string): Record<string, string> => ({
  SMS_PROVIDER: 'aliyun',
  ALIYUN_SMS_ENDPOINT: endpoint,
  ALIYUN_SMS_ACCESS_KEY_ID: 'key-id',
  ALIYUN_SMS_ACCESS_KEY_SECRET: 'key-secret',
  ALIYUN_SMS_SIGN_NAME: '货车司机平台',
  ALIYUN_SMS_TEMPLATE_CODE: 'SMS_0001'
})

t.test('SMS_PROVIDER=aliyun sends a correctly signed SendSms', async (t) => {
  const stub = await startAliyunStub({ accessKeyId: 'key-id', accessKeySecret: 'key-secret' })
  t.teardown(() => stub.close())
  const service = await build(t, { env: aliyunEnv(stub.url) })
  t.same((await service.wx('get', { phone: PHONE })).body, { message: 'success' })
  t.equal(stub.accepted.length, 1)
  const [message] = stub.accepted
  t.equal(message?.phone, PHONE)
  t.equal(message?.signName, '货车司机平台')
  const code = (message?.templateParam as { code: string }).code
  t.match(code, /^\d{6}$/)
  const outbox = await service.inject({ method: 'GET', url: `/dev/sms/outbox?phone=${PHONE}`, user: null })
  t.equal(outbox.statusCode, 404, 'the dev outbox belongs to the log provider')
  t.notMatch(service.logs.join(''), 'key-secret')

  service.clock.advance(61_000)
  t.same((await service.wx('check', { phone: PHONE, code })).body, { message: 'success' },
    'the code Aliyun delivered verifies')
})

t.test('an Aliyun refusal reaches the user as the provider failure', async (t) => {
  const stub = await startAliyunStub({
    accessKeyId: 'key-id', accessKeySecret: 'key-secret', businessCode: 'isv.BUSINESS_LIMIT_CONTROL'
  })
  t.teardown(() => stub.close())
  const service = await build(t, { env: aliyunEnv(stub.url) })
  const { status, body } = await service.wx('get', { phone: PHONE })
  t.equal(status, 502)
  t.equal(body.code, 'SMS_PROVIDER_FAILED')
  t.match(service.logs.join(''), 'isv.BUSINESS_LIMIT_CONTROL', 'ops can see why in the log')
})
