import fp from 'fastify-plugin'
import { ConfigError, createApp, registerDependencies, type App, type DependencyOptions } from '@driver/kit'
import type { SmsConfig } from './config.js'
import { smsRequestHandlers } from './events/sms-requests.js'
import { verification } from './plugins/verification.js'
import { createSmsProvider } from './providers/create-provider.js'
import type { SmsProvider } from './providers/sms-provider.js'
import { devOutboxRoutes } from './routes/dev-outbox.js'
import { wxSmsRoutes } from './routes/wx-sms.js'

export interface SmsAppOptions extends Omit<DependencyOptions, 'service' | 'config'> {
  config: SmsConfig
  /** Tests hand in a provider; otherwise SMS_PROVIDER picks one. */
  provider?: SmsProvider
  /** Tests move time forward instead of waiting out the 60 s and 5 min rules. */
  clock?: () => Date
  logStream?: { write: (line: string) => void }
}

/** The sms service as a plugin: its app plugins, then its routes and message handlers. */
export const smsApp = fp<SmsAppOptions>(async (app, { config, provider, clock }) => {
  const production = config.NODE_ENV === 'production'
  if (production && !config.SMS_CODE_SECRET) {
    throw new ConfigError(['SMS_CODE_SECRET'], ['SMS_CODE_SECRET is required in production'])
  }
  await app.register(verification, {
    provider: provider ?? createSmsProvider(config, app.log),
    codeSecret: config.SMS_CODE_SECRET,
    timeZone: config.TIME_ZONE,
    clock
  })
  await app.register(wxSmsRoutes, { ipSendsPerHour: config.SMS_IP_SENDS_PER_HOUR, ipChecksPerHour: config.SMS_IP_CHECKS_PER_HOUR })
  if (!production) await app.register(devOutboxRoutes)
  await app.register(smsRequestHandlers)
}, { name: 'sms-app', dependencies: ['store', 'bus'] })

export async function buildSmsService (options: SmsAppOptions): Promise<App> {
  const app = createApp({ service: 'sms', logLevel: options.config.LOG_LEVEL, forms: true, logStream: options.logStream })
  await registerDependencies(app, { ...options, service: 'sms' })
  await app.register(smsApp, options)
  return app
}
