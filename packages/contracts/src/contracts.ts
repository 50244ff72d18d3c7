import { MediaDescribe, MediaReadImage } from './media.js'
import { defineContracts } from './registry.js'
import { SmsPhoneVerified, SmsSend, SmsVerify } from './sms.js'
import { WechatCreateQrCode, WechatUserInfo } from './wechat.js'
import { WxApplicationsDecide, WxApplicationsFind, WxApplicationsList } from './wx-applications.js'

/** Every message the services exchange. Add a contract to a list here, or it cannot be sent. */
export const contracts = defineContracts({
  events: [SmsPhoneVerified],
  requests: [
    SmsSend, SmsVerify, MediaDescribe, MediaReadImage, WechatCreateQrCode, WechatUserInfo,
    WxApplicationsList, WxApplicationsFind, WxApplicationsDecide
  ]
})

export type Contracts = typeof contracts
