import { wxEnvelope, type AppPlugin } from '@driver/kit'
import { normalizePhone } from '../../../domain/phone.js'
import { InvalidPhoneError } from '../../../errors.js'
import type { SmsOutbox } from '../../../plugins/external/log-sms-provider.js'
import { OutboxQuerySchema, OutboxSchema } from '../../../schemas/sms.js'

export interface DevSmsRoutesOptions {
  outbox: SmsOutbox
}

/**
 * Development only: registered by the `log` provider, never in production.
 * What it "sent" to a phone, newest first, so a developer can complete a verification.
 */
export const devSmsRoutes: AppPlugin<DevSmsRoutesOptions> = async (app, { outbox }) => {
  await app.register(wxEnvelope)
  app.get('/outbox', {
    schema: { summary: 'Development: the codes the log provider sent to a phone', querystring: OutboxQuerySchema, response: { 200: OutboxSchema } }
  }, async (request) => {
    const phone = normalizePhone(request.query.phone)
    if (!phone) throw new InvalidPhoneError()
    return { message: 'success' as const, data: outbox.read(phone) }
  })
}
