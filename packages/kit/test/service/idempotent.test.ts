import t from 'tap'
import pino from 'pino'
import type { MessageContext } from '@driver/bus'
import { waitFor } from '@driver/testing'
import { openStore, type Collection, type Store } from '@driver/store'
import { idempotent, type ProcessedMessage } from '../../src/service/index.js'
import { build, phoneVerified, type Tap } from '../helper.js'

/** The real embedded store on the test's own directory, and its markers collection. */
async function markersIn (t: Tap): Promise<{ store: Store, markers: Collection<ProcessedMessage> }> {
  const store = await openStore({ service: 'billing', dataDir: t.testdir() })
  t.teardown(() => store.close())
  return { store, markers: store.collection<ProcessedMessage>('processed_messages') }
}

/** A delivery of message m-1 on billing.invoice, as the bus would hand it to a handler. */
function delivery (overrides: Partial<MessageContext> = {}): MessageContext {
  return {
    name: 'orders.placed',
    messageId: 'm-1',
    correlationId: 'm-1',
    requestId: undefined,
    source: 'orders',
    queue: 'billing.invoice',
    attempt: 1,
    redelivered: false,
    log: pino({ level: 'silent' }),
    ...overrides
  }
}

t.test('a redelivered message (same id, same queue) does not run the handler twice', async (t) => {
  const { markers } = await markersIn(t)
  const effects: string[] = []
  const handler = idempotent(markers, (payload: string) => { effects.push(payload) })

  await handler('invoice o-1', delivery())
  await handler('invoice o-1', delivery({ redelivered: true }))
  t.same(effects, ['invoice o-1'])
  t.match(await markers.findOne({ _id: 'billing.invoice:m-1' }), {
    queue: 'billing.invoice', messageName: 'orders.placed', handledAt: Date
  })
})

t.test('a failing handler leaves no marker, and its retry runs', async (t) => {
  const { markers } = await markersIn(t)
  const attempts: number[] = []
  const handler = idempotent(markers, (_payload: null, context: MessageContext) => {
    attempts.push(context.attempt)
    if (context.attempt === 1) throw new Error('ledger offline')
  })

  await t.rejects(handler(null, delivery()), /ledger offline/, 'the failure reaches the bus, which retries')
  t.equal(await markers.countDocuments(), 0)
  await handler(null, delivery({ attempt: 2 }))
  t.same(attempts, [1, 2])
  t.equal(await markers.countDocuments(), 1, 'the retry that succeeded left its marker')
})

t.test('a handler that fails after making its effect runs again on redelivery: at least once', async (t) => {
  const { markers } = await markersIn(t)
  const effects: number[] = []
  const handler = idempotent(markers, (_payload: null, context: MessageContext) => {
    effects.push(context.attempt)
    if (!context.redelivered) throw new Error('interrupted')
  })

  await t.rejects(handler(null, delivery()))
  t.equal(await markers.countDocuments(), 0, 'no marker was written')
  await handler(null, delivery({ redelivered: true }))
  t.same(effects, [1, 1], 'the effect was made again, never skipped')
  t.equal(await markers.countDocuments(), 1)
})

t.test('a delivery whose process died mid-handler does not keep the redelivery from running', async (t) => {
  const { markers } = await markersIn(t)
  const effects: string[] = []
  const handler = idempotent(markers, async (_payload: null, context: MessageContext) => {
    effects.push(context.redelivered ? 'redelivery' : 'first')
    // The process dies here: this delivery never finishes, its copy goes back to the queue.
    if (!context.redelivered) await new Promise(() => {})
  })

  void handler(null, delivery())
  await waitFor('the first delivery to make its effect', () => effects.length === 1)
  await handler(null, delivery({ redelivered: true }))
  t.same(effects, ['first', 'redelivery'])
  t.equal(await markers.countDocuments(), 1)
})

t.test('two copies handled at once may both run; both finish and leave one marker', async (t) => {
  const { markers } = await markersIn(t)
  let started = 0
  const handler = idempotent(markers, async () => {
    started++
    // Neither finishes before the other has looked for the marker.
    await waitFor('the other copy to be in the handler too', () => started === 2, 2_000)
  })

  await t.resolves(Promise.all([handler(null, delivery()), handler(null, delivery({ redelivered: true }))]))
  t.equal(started, 2)
  t.same((await markers.find({})).map(({ _id }) => ({ _id })), [{ _id: 'billing.invoice:m-1' }])
})

t.test('markers are per queue: the same message on two queues runs on each', async (t) => {
  const { markers } = await markersIn(t)
  const queues: string[] = []
  const handler = idempotent(markers, (_payload: null, context: MessageContext) => { queues.push(context.queue) })

  await handler(null, delivery({ queue: 'billing.invoice' }))
  await handler(null, delivery({ queue: 'billing.audit' }))
  await handler(null, delivery({ queue: 'billing.audit', redelivered: true }))
  t.same(queues, ['billing.invoice', 'billing.audit'])
  t.same((await markers.find({}, { sort: { _id: 1 } })).map((marker) => marker._id), [
    'billing.audit:m-1', 'billing.invoice:m-1'
  ])
})

t.test('a store failure other than a duplicate on the marker write fails the message', async (t) => {
  const { store, markers } = await markersIn(t)
  let runs = 0
  const handler = idempotent(markers, async () => {
    runs++
    await store.close()
  })

  await t.rejects(handler(null, delivery()), { code: 'STORE_CLOSED' }, 'the bus retries it rather than acking it')
  t.equal(runs, 1)
})

t.test('a store failure on the marker read fails the message without running the handler', async (t) => {
  const { store, markers } = await markersIn(t)
  let runs = 0
  const handler = idempotent(markers, () => { runs++ })
  await store.close()

  await t.rejects(handler(null, delivery()), { code: 'STORE_CLOSED' })
  t.equal(runs, 0)
})

t.test('a service built by buildService handles an event sent again with the same id once', async (t) => {
  const { app, peer, logs } = await build(t)
  const bound: string[] = []
  await app.bus.subscribe('sms.phone_verified', idempotent(app.processedMessages, ({ wxUserId }) => {
    bound.push(wxUserId)
  }))

  await peer.publish('sms.phone_verified', phoneVerified, { messageId: 'verified-1' })
  await waitFor('the first copy to be handled', () => logs.some((line) => line.msg === 'bus: event handled'))
  await peer.publish('sms.phone_verified', phoneVerified, { messageId: 'verified-1' })
  await waitFor('the copy to be skipped', () =>
    logs.some((line) => line.msg === 'bus: message already handled, skipped'))
  t.same(bound, [phoneVerified.wxUserId])
  t.ok(await app.processedMessages.findOne({ _id: 'bare.sms.phone_verified:verified-1' }),
    'the marker is scoped by the service\'s queue')
})
