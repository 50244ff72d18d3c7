import fp from 'fastify-plugin'
import { createApp, registerDependencies, type App, type DependencyOptions } from '@driver/kit'
import type { SmsConfig } from './config.js'

export interface SmsAppOptions extends Omit<DependencyOptions, 'service' | 'config'> {
  config: SmsConfig
}

/** The sms service as a plugin: its app plugins, then its routes. */
export const smsApp = fp<SmsAppOptions>(async () => {}, { name: 'sms-app', dependencies: ['store', 'bus'] })

export async function buildSmsService (options: SmsAppOptions): Promise<App> {
  const app = createApp({ service: 'sms', logLevel: options.config.LOG_LEVEL, forms: true })
  await registerDependencies(app, { ...options, service: 'sms' })
  await app.register(smsApp, options)
  return app
}
