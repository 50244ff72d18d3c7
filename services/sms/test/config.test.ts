import t from 'tap'
import type { ConfigError } from '@driver/kit'
import { loadSmsConfig } from '../src/config.js'

const aliyun = {
  SMS_PROVIDER: 'aliyun',
  ALIYUN_SMS_ACCESS_KEY_ID: 'key-id',
  ALIYUN_SMS_ACCESS_KEY_SECRET: 'key-secret',
  ALIYUN_SMS_SIGN_NAME: '货车司机平台',
  ALIYUN_SMS_TEMPLATE_CODE: 'SMS_0001'
}

t.test('the log provider needs no settings', async (t) => {
  t.equal(loadSmsConfig({}).SMS_PROVIDER, 'log')
})

t.test('SMS_PROVIDER=aliyun needs its four settings, named together, and narrows the type', async (t) => {
  const error = t.throws(() => loadSmsConfig({ SMS_PROVIDER: 'aliyun', ALIYUN_SMS_SIGN_NAME: '货车司机平台' })) as ConfigError
  t.same(error.variables, ['ALIYUN_SMS_ACCESS_KEY_ID', 'ALIYUN_SMS_ACCESS_KEY_SECRET', 'ALIYUN_SMS_TEMPLATE_CODE'])
  const config = loadSmsConfig(aliyun)
  if (config.SMS_PROVIDER !== 'aliyun') throw new Error('expected the aliyun shape')
  t.equal(config.ALIYUN_SMS_ENDPOINT, 'https://dysmsapi.aliyuncs.com', 'the endpoint has a default')
})

t.test('a malformed Aliyun endpoint and an unknown provider are named', async (t) => {
  t.same((t.throws(() => loadSmsConfig({ ...aliyun, ALIYUN_SMS_ENDPOINT: 'ftp://dysmsapi.aliyuncs.com' })) as ConfigError).variables, ['ALIYUN_SMS_ENDPOINT'])
  t.same((t.throws(() => loadSmsConfig({ SMS_PROVIDER: 'carrier-pigeon' })) as ConfigError).variables, ['SMS_PROVIDER'])
})
