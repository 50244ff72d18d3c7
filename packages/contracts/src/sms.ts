import { Type, type Static } from 'typebox'
import { defineEvent, defineRequest } from './define.js'
import { FailureCode, IsoDateTime, MainlandPhone, ObjectIdString } from './primitives.js'

/** What a code is sent for; a code sent for one purpose never verifies another. */
export const SmsPurpose = Type.Union([
  Type.Literal('register'), Type.Literal('reset_password'), Type.Literal('wx_bind')
])
export type SmsPurpose = Static<typeof SmsPurpose>

export const SmsCode = Type.String({ pattern: '^[0-9]{6}$' })

const Refusal = {
  reason: Type.String({ minLength: 1, description: 'for the user, Chinese' }),
  code: FailureCode
}

/** A WeChat user proved they own a phone; resumes binds the phone to that user. */
export const SmsPhoneVerified = defineEvent('sms.phone_verified', Type.Object({
  wxUserId: ObjectIdString,
  phone: MainlandPhone,
  verifiedAt: IsoDateTime
}))

/**
 * Sends a verification code, unless a limit refuses it. `clientIp` is the address the
 * gateway asserted for the request that asked: sends count against it wherever they come from.
 */
export const SmsSend = defineRequest('sms.send', {
  payload: Type.Object({
    phone: MainlandPhone,
    purpose: SmsPurpose,
    clientIp: Type.String({ minLength: 1, maxLength: 64 })
  }),
  reply: Type.Union([
    Type.Object({ sent: Type.Literal(true) }),
    Type.Object({ sent: Type.Literal(false), ...Refusal })
  ])
})

/** Checks a code; a verified code is used up. */
export const SmsVerify = defineRequest('sms.verify', {
  payload: Type.Object({ phone: MainlandPhone, purpose: SmsPurpose, code: SmsCode }),
  reply: Type.Union([
    Type.Object({ verified: Type.Literal(true) }),
    Type.Object({ verified: Type.Literal(false), ...Refusal })
  ])
})
