import fp from 'fastify-plugin'
import type { SmsProviderConfig } from '../../config.js'
import { createAliyunSmsProvider } from './aliyun/aliyun-client.js'

export type AliyunSmsProviderOptions = Extract<SmsProviderConfig, { SMS_PROVIDER: 'aliyun' }>

/** Real delivery through Aliyun SMS `SendSms`; its settings were validated with the config. */
export const aliyunSmsProvider = fp<AliyunSmsProviderOptions>(async (app, config) => {
  app.decorate('smsProvider', createAliyunSmsProvider({
    endpoint: config.ALIYUN_SMS_ENDPOINT,
    accessKeyId: config.ALIYUN_SMS_ACCESS_KEY_ID,
    accessKeySecret: config.ALIYUN_SMS_ACCESS_KEY_SECRET,
    signName: config.ALIYUN_SMS_SIGN_NAME,
    templateCode: config.ALIYUN_SMS_TEMPLATE_CODE
  }))
}, { name: 'sms-provider' })
