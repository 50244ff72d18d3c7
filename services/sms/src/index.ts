export { smsApp, buildSmsService, type SmsAppOptions } from './app.js'
export { SmsConfigSchema, loadSmsConfig, type SmsConfig } from './config.js'
