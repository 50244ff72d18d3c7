import { defineContracts, defineEvent, defineRequest, SmsPhoneVerified, SmsVerify } from '@driver/contracts'
import { Type } from 'typebox'

/** The real sms messages plus a few whose names exercise topic patterns. */
export const testContracts = defineContracts({
  events: [
    SmsPhoneVerified,
    defineEvent('orders.placed', Type.Object({ orderId: Type.String(), total: Type.Integer({ minimum: 0 }) })),
    defineEvent('orders.shipped', Type.Object({ orderId: Type.String() })),
    defineEvent('orders.item.returned', Type.Object({ orderId: Type.String(), sku: Type.String() })),
    defineEvent('billing.invoice_issued', Type.Object({ orderId: Type.String() }))
  ],
  requests: [
    SmsVerify,
    defineRequest('orders.quote', {
      payload: Type.Object({ items: Type.Integer({ minimum: 1 }) }),
      reply: Type.Object({ price: Type.Integer({ minimum: 0 }) })
    })
  ]
})

export type TestContracts = typeof testContracts

export const phoneVerified = {
  wxUserId: '5f1d7c2e9b3a4c0012ab34cd',
  phone: '13812345678',
  verifiedAt: '2024-05-01T08:30:00.000Z'
}
