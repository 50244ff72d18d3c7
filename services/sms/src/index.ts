export { smsService, type SmsAppOptions } from './app.js'
export {
  SmsBaseConfigSchema, SmsConfigSchema, SmsProviderConfigSchema, loadSmsConfig, type SmsConfig
} from './config.js'
