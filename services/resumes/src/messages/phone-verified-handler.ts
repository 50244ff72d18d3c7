import fp from 'fastify-plugin'
import { maskPhone } from '@driver/kit'
import { idempotent } from '@driver/kit/service'

/**
 * `sms.phone_verified` → the phone is bound to the WeChat user who proved it, and
 * the user's resume follows it (its contact phone, and its user name while it
 * has none). Each step is a conditional write of the event's own values, so a
 * redelivery, or a crash between the steps and the redelivery after it, ends
 * in the same state. A user who never logged in is not created: the message is
 * logged and acknowledged.
 */
export const phoneVerifiedHandler = fp(async (app) => {
  const { wxUsers, resumes } = app
  await app.bus.subscribe('sms.phone_verified', idempotent(app.processedMessages, async (event, context) => {
    const { wxUserId, phone, verifiedAt } = event
    const masked = maskPhone(phone)
    const user = await wxUsers.bindPhone(wxUserId, phone, new Date(verifiedAt))
    if (!user) {
      context.log.warn({ wxUserId, phone: masked }, 'phone verified for an unknown WeChat user: not bound')
      return
    }
    if (user.phone !== phone) {
      context.log.info({ wxUserId, phone: masked }, 'a later verification is bound already: this phone is not')
    } else {
      context.log.info({ wxUserId, phone: masked }, 'phone bound to WeChat user')
    }
    const resume = await resumes.findByOwner(wxUserId)
    // Without a resume there is nothing more: its creation takes the bound phone.
    if (!resume || user.phone === undefined) return
    await resumes.followVerifiedPhone(resume._id, user.phone, new Date())
  }))
}, {
  name: 'phone-verified-handler',
  dependencies: ['store', 'bus', 'processed-messages', 'wx-user-repository', 'resume-repository']
})
