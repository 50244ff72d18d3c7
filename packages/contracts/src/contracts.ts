import { MediaDescribe } from './media.js'
import { defineContracts } from './registry.js'
import { SmsPhoneVerified, SmsSend, SmsVerify } from './sms.js'

/** Every message the services exchange. Add a contract to a list here, or it cannot be sent. */
export const contracts = defineContracts({
  events: [SmsPhoneVerified],
  requests: [SmsSend, SmsVerify, MediaDescribe]
})

export type Contracts = typeof contracts
