import t from 'tap'
import { Type } from 'typebox'
import { contracts, defineContracts, defineEvent, defineRequest } from '../src/index.js'

t.test('the shared registry finds each message by its name', async (t) => {
  t.same(Object.keys(contracts.events), ['sms.phone_verified'])
  t.same(Object.keys(contracts.requests).sort(), [
    'media.describe', 'media.read_image', 'sms.send', 'sms.verify', 'wechat.create_qr_code', 'wechat.user_info',
    'wx_applications.decide', 'wx_applications.find', 'wx_applications.list'
  ])
  t.equal(contracts.requests['sms.verify'].kind, 'request')
  t.equal(contracts.requests['media.describe'].kind, 'request')
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
