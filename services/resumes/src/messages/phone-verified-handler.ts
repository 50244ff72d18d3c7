import fp from 'fastify-plugin'
import { maskPhone } from '@driver/kit'
import { idempotent } from '@driver/kit/service'

/** The slice of wx_user (seed 000) this handler writes. */
interface WxUserPhone {
  _id: string
  phone: string
  phone_verified_at: Date
}

/**
 * `sms.phone_verified` → the phone is stored on the WeChat user who proved it.
 * `$set` of the event's own values: a redelivery changes nothing.
 */
export const phoneVerifiedHandler = fp(async (app) => {
  const users = app.store.collection<WxUserPhone>('wx_user')
  await app.bus.subscribe('sms.phone_verified', idempotent(app.processedMessages, async ({ wxUserId, phone, verifiedAt }, context) => {
    await users.updateOne({ _id: wxUserId }, { $set: { phone, phone_verified_at: new Date(verifiedAt) } }, { upsert: true })
    context.log.info({ wxUserId, phone: maskPhone(phone) }, 'phone bound to WeChat user')
  }))
}, { name: 'phone-verified-handler', dependencies: ['store', 'bus', 'processed-messages'] })
