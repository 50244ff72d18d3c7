import t from 'tap'
import { Type } from 'typebox'
import {
  contracts, defineContracts, defineEvent, defineRequest,
  type EventName, type EventPayload, type RequestName, type RequestPayload, type RequestReply
} from '../src/index.js'

t.test('the shared registry finds each sms message by its name', async (t) => {
  t.same(Object.keys(contracts.events), ['sms.phone_verified'])
  t.same(Object.keys(contracts.requests).sort(), ['sms.send', 'sms.verify'])
  t.equal(contracts.requests['sms.verify'].kind, 'request')
  t.equal(contracts.events['sms.phone_verified'].kind, 'event')
})

t.test('a name used twice is refused, even across events and requests', async (t) => {
  const a = defineEvent('orders.placed', Type.Object({}))
  const b = defineRequest('orders.placed', { payload: Type.Object({}), reply: Type.Object({}) })
  t.throws(() => defineContracts({ events: [a, a], requests: [] }), /defined twice/)
  t.throws(() => defineContracts({ events: [a], requests: [b] }), /defined twice/)
})

t.test('a name that is not dotted lowercase words is refused, so it cannot act as a topic pattern', async (t) => {
  t.throws(() => defineEvent('orders.*', Type.Object({})), /lowercase words/)
  t.throws(() => defineEvent('OrdersPlaced', Type.Object({})), /lowercase words/)
  t.throws(() => defineRequest('orders', { payload: Type.Object({}), reply: Type.Object({}) }), /lowercase words/)
})

t.test('payload and reply types come from the schemas', async (t) => {
  type Names = EventName<typeof contracts>
  const name: Names = 'sms.phone_verified'
  // @ts-expect-error not a known event
  const wrong: Names = 'sms.phone_verify'
  const payload: EventPayload<typeof contracts, 'sms.phone_verified'> = {
    wxUserId: '5f1d7c2e9b3a4c0012ab34cd', phone: '13812345678', verifiedAt: '2024-05-01T08:30:00Z'
  }
  const request: RequestPayload<typeof contracts, 'sms.verify'> = { phone: '13812345678', purpose: 'register', code: '123456' }
  // @ts-expect-error purpose is one of three literals
  const badPurpose: RequestPayload<typeof contracts, 'sms.send'> = { phone: '13812345678', purpose: 'login' }
  const reply = { verified: false, reason: '验证码错误', code: 'SMS_CODE_WRONG' } as RequestReply<typeof contracts, 'sms.verify'>
  if (!reply.verified) t.equal(reply.code, 'SMS_CODE_WRONG', 'a refusal narrows to its reason and code')
  const requestName: RequestName<typeof contracts> = 'sms.send'
  t.ok([name, wrong, payload, request, badPurpose, requestName])
})
