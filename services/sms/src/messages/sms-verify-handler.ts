import fp from 'fastify-plugin'
import { refusalOrThrow } from '@driver/kit'

/** Answers `sms.verify` for identity; a wrong or expired code is part of the reply. */
export const smsVerifyHandler = fp(async (app) => {
  await app.bus.handle('sms.verify', async ({ phone, purpose, code }) => {
    try {
      await app.verification.verify({ phone, purpose, code })
      return { verified: true as const }
    } catch (error) {
      return { verified: false as const, ...refusalOrThrow(error) }
    }
  })
}, { name: 'sms-verify-handler', dependencies: ['verification', 'bus'] })
