import fp from 'fastify-plugin'

interface Refusal { reason: string, code: string }

/** A refusal the user should read becomes the reply; anything else (a fault) propagates. */
function refusalOf (error: unknown): Refusal {
  const { message, code, statusCode, expose } = error as { message?: string, code?: string, statusCode?: number, expose?: boolean }
  const readable = typeof code === 'string' && typeof message === 'string' && (statusCode === undefined || statusCode < 500 || expose === true)
  if (!readable) throw error
  return { reason: message, code }
}

/** `sms.send` and `sms.verify` for identity (register, reset password). */
export const smsRequestHandlers = fp(async (app) => {
  await app.bus.handle('sms.send', async ({ phone, purpose }) => {
    try {
      await app.verification.send({ phone, purpose })
      return { sent: true as const }
    } catch (error) {
      return { sent: false as const, ...refusalOf(error) }
    }
  })
  await app.bus.handle('sms.verify', async ({ phone, purpose, code }) => {
    try {
      await app.verification.verify({ phone, purpose, code })
      return { verified: true as const }
    } catch (error) {
      return { verified: false as const, ...refusalOf(error) }
    }
  })
}, { name: 'sms-request-handlers', dependencies: ['verification', 'bus'] })
