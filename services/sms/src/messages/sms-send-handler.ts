import fp from 'fastify-plugin'
import { refusalOrThrow } from '@driver/kit'

/** Answers `sms.send` for identity (register, reset password); a limit's refusal is part of the reply. */
export const smsSendHandler = fp(async (app) => {
  await app.bus.handle('sms.send', async ({ phone, purpose, clientIp }) => {
    try {
      await app.verification.send({ phone, purpose, ip: clientIp })
      return { sent: true as const }
    } catch (error) {
      return { sent: false as const, ...refusalOrThrow(error) }
    }
  })
}, { name: 'sms-send-handler', dependencies: ['verification', 'bus'] })
