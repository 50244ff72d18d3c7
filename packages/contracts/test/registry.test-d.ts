// Type tests: `pnpm typecheck` compiles this file (tsconfig.check.json); tap never runs it.
// Each Expect<Equal<…>> is an exact-type assertion; each @ts-expect-error must stay an error.
import type { Equal, Expect } from '@driver/testing'
import { Type } from 'typebox'
import {
  defineContracts, defineEvent, defineRequest,
  type Contracts, type EventName, type EventPayload, type RequestName, type RequestPayload, type RequestReply
} from '../src/index.js'

/** The shared registry's names are exactly its contracts' names. */
export type RegistryNames = [
  Expect<Equal<EventName<Contracts>, 'sms.phone_verified'>>,
  Expect<Equal<RequestName<Contracts>,
    'sms.send' | 'sms.verify' | 'media.describe' | 'media.read_image' | 'wechat.create_qr_code' | 'wechat.user_info' |
    'wx_applications.list' | 'wx_applications.find' | 'wx_applications.decide'
  >>
]

// @ts-expect-error not a known event
export const unknownEvent: EventName<Contracts> = 'sms.phone_verify'
// @ts-expect-error an event is not a request
export const eventAsRequest: RequestName<Contracts> = 'sms.phone_verified'

/** Payload and reply types come from the schemas. */
export type SmsMessageTypes = [
  Expect<Equal<EventPayload<Contracts, 'sms.phone_verified'>, { wxUserId: string, phone: string, verifiedAt: string }>>,
  Expect<Equal<
    RequestPayload<Contracts, 'sms.send'>,
    { phone: string, purpose: 'register' | 'reset_password' | 'wx_bind', clientIp: string }
  >>,
  Expect<Equal<
    RequestPayload<Contracts, 'sms.verify'>,
    { phone: string, purpose: 'register' | 'reset_password' | 'wx_bind', code: string }
  >>,
  Expect<Equal<RequestReply<Contracts, 'sms.send'>, { sent: true } | { sent: false, reason: string, code: string }>>,
  Expect<Equal<
    RequestReply<Contracts, 'sms.verify'>, { verified: true } | { verified: false, reason: string, code: string }
  >>
]

// @ts-expect-error purpose is one of three literals
export const badPurpose: RequestPayload<Contracts, 'sms.send'> = { phone: '13812345678', purpose: 'login' }
// @ts-expect-error sms.verify needs the code
export const noCode: RequestPayload<Contracts, 'sms.verify'> = { phone: '13812345678', purpose: 'register' }

/** A refusal, and only a refusal, carries its reason and code. */
export function refusalCode (reply: RequestReply<Contracts, 'sms.verify'>): string | undefined {
  // @ts-expect-error a reply that may be a success has no code
  if (reply.code === '') return undefined
  return reply.verified ? undefined : reply.code
}

const orderPlaced = defineEvent('orders.placed', Type.Object({ orderId: Type.String(), total: Type.Integer() }))
const orderShipped = defineEvent('orders.shipped', Type.Object({ orderId: Type.String() }))
const orderQuote = defineRequest('orders.quote', {
  payload: Type.Object({ items: Type.Integer() }), reply: Type.Object({ price: Type.Integer() })
})
export const orders = defineContracts({ events: [orderPlaced, orderShipped], requests: [orderQuote] })
type Orders = typeof orders

/** Any registry is keyed by its contracts' names; a union of names gets the union of payloads. */
export type DefinedRegistry = [
  Expect<Equal<EventName<Orders>, 'orders.placed' | 'orders.shipped'>>,
  Expect<Equal<RequestName<Orders>, 'orders.quote'>>,
  Expect<Equal<
    EventPayload<Orders, 'orders.placed' | 'orders.shipped'>, { orderId: string, total: number } | { orderId: string }
  >>,
  Expect<Equal<RequestReply<Orders, 'orders.quote'>, { price: number }>>
]
