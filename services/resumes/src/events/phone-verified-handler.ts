import fp from 'fastify-plugin'
import { idempotent, type ProcessedMessages } from '@driver/bus'
import { maskPhone } from '@driver/kit'

/** The slice of wx_user (seed 000) this handler writes. */
interface WxUserPhone {
  _id: string
  phone: string
  phone_verified_at: Date
}

const PROCESSED_KEPT_DAYS = 7

/** `sms.phone_verified` → the phone is stored on the WeChat user who proved it. */
export const phoneVerifiedHandler = fp(async (app) => {
  const users = app.store.collection<WxUserPhone>('wx_user')
  const processed = app.store.collection<Parameters<ProcessedMessages['insertOne']>[0]>('processed_messages')
  await processed.createIndex({ handledAt: 1 }, { expireAfterSeconds: PROCESSED_KEPT_DAYS * 24 * 3600 })

  await app.bus.subscribe('sms.phone_verified', idempotent(processed, async ({ wxUserId, phone, verifiedAt }, context) => {
    await users.updateOne({ _id: wxUserId }, { $set: { phone, phone_verified_at: new Date(verifiedAt) } }, { upsert: true })
    context.log.info({ wxUserId, phone: maskPhone(phone) }, 'phone bound to WeChat user')
  }))
}, { name: 'phone-verified-handler', dependencies: ['store', 'bus'] })
