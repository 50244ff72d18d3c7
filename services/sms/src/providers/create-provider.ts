import { ConfigError } from '@driver/kit'
import type { SmsConfig } from '../config.js'
import { createAliyunSmsProvider } from './aliyun-provider.js'
import { LogSmsProvider, type Logger } from './log-provider.js'
import type { SmsProvider } from './sms-provider.js'

const ALIYUN_VARIABLES = ['ALIYUN_SMS_ACCESS_KEY_ID', 'ALIYUN_SMS_ACCESS_KEY_SECRET', 'ALIYUN_SMS_SIGN_NAME', 'ALIYUN_SMS_TEMPLATE_CODE'] as const

/** The provider SMS_PROVIDER names; Aliyun needs its four variables, named together when missing. */
export function createSmsProvider (config: SmsConfig, log: Logger): SmsProvider {
  if (config.SMS_PROVIDER === 'log') return new LogSmsProvider(log)
  const missing = ALIYUN_VARIABLES.filter((name) => !config[name])
  if (missing.length > 0) throw new ConfigError([...missing], missing.map((name) => `${name} is required when SMS_PROVIDER=aliyun`))
  return createAliyunSmsProvider({
    endpoint: config.ALIYUN_SMS_ENDPOINT,
    accessKeyId: config.ALIYUN_SMS_ACCESS_KEY_ID ?? '',
    accessKeySecret: config.ALIYUN_SMS_ACCESS_KEY_SECRET ?? '',
    signName: config.ALIYUN_SMS_SIGN_NAME ?? '',
    templateCode: config.ALIYUN_SMS_TEMPLATE_CODE ?? ''
  })
}
