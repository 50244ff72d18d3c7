import { SmsPurpose } from '@driver/contracts'
import { Type } from 'typebox'

/** `/wx/sms/get`: the phone to send a code to, in any form people type it. */
export const GetCodeSchema = Type.Object({
  phone: Type.String({ maxLength: 32, description: 'mainland mobile number; `+86 138-1234-5678` is accepted' })
})

/** `/wx/sms/check`: the phone and the code it received. */
export const CheckCodeSchema = Type.Object({
  phone: Type.String({ maxLength: 32, description: 'the phone the code was sent to' }),
  code: Type.String({ maxLength: 16, description: 'the 6-digit code' })
})

export const OutboxQuerySchema = Type.Object({ phone: Type.String({ maxLength: 32 }) })

/** What the development outbox shows: the messages the `log` provider "sent", newest first. */
export const OutboxSchema = Type.Object({
  message: Type.Literal('success'),
  data: Type.Array(Type.Object({
    phone: Type.String(),
    purpose: SmsPurpose,
    code: Type.String(),
    sentAt: Type.String({ format: 'date-time' })
  }))
})
