import fp from 'fastify-plugin'
import { Type, type Static } from 'typebox'
import { InvalidPhoneError } from '../errors.js'
import { normalizePhone } from '../domain/phone.js'
import { LogSmsProvider } from '../providers/log-provider.js'

const OutboxQuerySchema = Type.Object({ phone: Type.String({ maxLength: 32 }) })

/**
 * Development only (never registered in production): what the `log` provider
 * "sent" to a phone, newest first, so a developer can complete a verification.
 */
export const devOutboxRoutes = fp(async (app) => {
  app.get('/dev/sms/outbox', { schema: { querystring: OutboxQuerySchema } }, async (request) => {
    const phone = normalizePhone((request.query as Static<typeof OutboxQuerySchema>).phone)
    if (!phone) throw new InvalidPhoneError()
    const provider = app.smsProvider
    const data = provider instanceof LogSmsProvider ? provider.outbox(phone) : []
    return { message: 'success', data }
  })
}, { name: 'dev-outbox-routes', dependencies: ['verification'] })
