import type { Static } from 'typebox'
import type { CheckCodeSchema, GetCodeSchema, OutboxSchema } from './sms.js'

/** What the API document shows for each route. */
export const PHONE_EXAMPLE = '13812345678'

export const getCodeExample: Static<typeof GetCodeSchema> = { phone: PHONE_EXAMPLE }

export const checkCodeExample: Static<typeof CheckCodeSchema> = { phone: PHONE_EXAMPLE, code: '483920' }

export const outboxExample: Static<typeof OutboxSchema> = {
  message: 'success',
  data: [{ phone: PHONE_EXAMPLE, purpose: 'wx_bind', code: '483920', sentAt: '2024-05-01T00:10:00.000Z' }]
}
