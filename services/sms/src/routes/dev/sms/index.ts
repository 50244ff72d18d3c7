import { WX_CONTENT_TYPES, documentedAs, withPropertyExamples, wxEnvelope, type AppPlugin } from '@driver/kit'
import { normalizePhone } from '../../../domain/phone.js'
import { InvalidPhoneError } from '../../../errors.js'
import { PHONE_EXAMPLE, outboxExample } from '../../../schemas/examples.js'
import { OutboxQuerySchema, OutboxSchema } from '../../../schemas/sms.js'

/**
 * Development only: registered with the `log` provider, never in production (app.ts).
 * What it "sent" to a phone, newest first, so a developer can complete a verification.
 */
export const devSmsRoutes: AppPlugin = async (app) => {
  await app.register(wxEnvelope)
  const schema = {
    summary: 'Development: the codes the log provider sent to a phone',
    querystring: OutboxQuerySchema,
    response: { 200: OutboxSchema }
  }
  const swaggerTransform = documentedAs({
    ...schema,
    querystring: withPropertyExamples(OutboxQuerySchema, { phone: PHONE_EXAMPLE }),
    produces: WX_CONTENT_TYPES,
    response: { 200: { ...OutboxSchema, examples: [outboxExample] } }
  })
  app.get('/outbox', { schema, config: { swaggerTransform } }, async (request) => {
    const phone = normalizePhone(request.query.phone)
    if (!phone) throw new InvalidPhoneError()
    return { message: 'success' as const, data: app.smsOutbox.read(phone) }
  })
}
