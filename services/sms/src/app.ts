import fp from 'fastify-plugin'
import { createApp, type App } from '@driver/kit'
import type { SmsConfig } from './config.js'

export interface SmsAppOptions {
  config: SmsConfig
}

/** The sms service as a plugin: external plugins, then app plugins, then routes. */
export const smsApp = fp<SmsAppOptions>(async () => {}, { name: 'sms-app' })

export async function buildSmsService (options: SmsAppOptions): Promise<App> {
  const app = createApp({ service: 'sms', logLevel: options.config.LOG_LEVEL })
  await app.register(smsApp, options)
  return app
}
