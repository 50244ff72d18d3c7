import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { AnnounceVerified } from '../plugins/app/verification.js'

/**
 * `sms.phone_verified`, held in the outbox before the code is used up. Its
 * message id is derived from the code and the user, so the same proof recorded
 * twice (a retry after a crash) is handled once by every consumer.
 */
export function announcePhoneVerified (app: FastifyInstance, wxUserId: string, requestId: string): AnnounceVerified {
  return async (phone, code) => {
    const messageId = createHash('sha256')
      .update(`${code._id}\n${code.createdAt.toISOString()}\n${wxUserId}`)
      .digest('hex')
    const verified = { wxUserId, phone, verifiedAt: new Date().toISOString() }
    return app.outbox.hold('sms.phone_verified', verified, { messageId, requestId })
  }
}
