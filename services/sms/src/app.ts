import type { AppPlugin } from '@driver/kit'
import { defineService, type ServiceOptions } from '@driver/kit/service'
import type { SmsConfig } from './config.js'
import { smsSendHandler } from './messages/sms-send-handler.js'
import { smsVerifyHandler } from './messages/sms-verify-handler.js'
import { codeRepository } from './plugins/app/code-repository.js'
import { ipLimitsRepository } from './plugins/app/ip-limits-repository.js'
import { sendBudgetRepository } from './plugins/app/send-budget-repository.js'
import { sendLimitsRepository } from './plugins/app/send-limits-repository.js'
import { sendLogRepository } from './plugins/app/send-log-repository.js'
import { verification } from './plugins/app/verification.js'
import { aliyunSmsProvider } from './plugins/external/aliyun-sms-provider.js'
import { logSmsProvider } from './plugins/external/log-sms-provider.js'
import type { SmsProvider } from './plugins/external/sms-provider.js'
import { devSmsRoutes } from './routes/dev/sms/index.js'
import { wxRoutes } from './routes/wx/index.js'

export interface SmsAppOptions extends ServiceOptions<SmsConfig> {
  /** Tests hand in a provider; otherwise SMS_PROVIDER picks one. */
  provider?: SmsProvider
  /** Tests move time forward instead of waiting out the 60 s and 5 min rules. */
  clock?: () => Date
}

/** The sms service, in order: outside systems, data and rules, routes, messages. */
const smsApp: AppPlugin<SmsAppOptions> = async (app, { config, provider, clock }) => {
  // The log provider's outbox is for developers: it is never served in production.
  const devOutbox = provider === undefined && config.SMS_PROVIDER === 'log' && config.NODE_ENV !== 'production'

  if (provider) app.decorate('smsProvider', provider)
  else if (config.SMS_PROVIDER === 'aliyun') await app.register(aliyunSmsProvider, config)
  else await app.register(logSmsProvider)

  await app.register(codeRepository)
  await app.register(sendLimitsRepository, { timeZone: config.TIME_ZONE })
  await app.register(ipLimitsRepository, {
    sendsPerHour: config.SMS_IP_SENDS_PER_HOUR, checksPerHour: config.SMS_IP_CHECKS_PER_HOUR
  })
  await app.register(sendBudgetRepository, {
    perHour: config.SMS_SENDS_PER_HOUR, perDay: config.SMS_SENDS_PER_DAY, timeZone: config.TIME_ZONE
  })
  await app.register(sendLogRepository)
  // SMS_CODE_SECRET is required in production by the configuration (config.ts).
  await app.register(verification, { codeSecret: config.SMS_CODE_SECRET, clock })

  await app.register(wxRoutes, { prefix: '/wx' })
  if (devOutbox) await app.register(devSmsRoutes, { prefix: '/dev/sms' })

  await app.register(smsSendHandler)
  await app.register(smsVerifyHandler)
}

export const smsService = defineService<SmsAppOptions>(
  'sms',
  'Phone verification codes: /wx/sms/get and /wx/sms/check, and the sms.send / sms.verify requests.',
  smsApp
)
