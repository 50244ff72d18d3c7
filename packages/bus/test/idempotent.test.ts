import t from 'tap'
import pino from 'pino'
import { idempotent, type MessageContext } from '../src/index.js'
import { MemoryProcessedMessages } from './helpers/memory-processed-messages.js'

const context = (overrides: Partial<MessageContext> = {}): MessageContext => ({
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
})

t.test('a message runs its handler once; a redelivered copy is skipped', async (t) => {
  const processed = new MemoryProcessedMessages()
  const effects: string[] = []
  const handler = idempotent(processed, (payload: string) => { effects.push(payload) })
  await handler('first', context())
  await handler('first', context({ redelivered: true }))
  t.same(effects, ['first'])
  t.match(processed.docs.get('billing.invoice:m-1'), { _id: 'billing.invoice:m-1', handledAt: Date })
})

t.test('two copies handled at the same time still have one effect', async (t) => {
  const processed = new MemoryProcessedMessages()
  let effects = 0
  const handler = idempotent(processed, async () => { effects++ })
  await Promise.all([handler(null, context()), handler(null, context()), handler(null, context())])
  t.equal(effects, 1)
})

t.test('a handler that fails leaves no marker, so the retry runs it again', async (t) => {
  const processed = new MemoryProcessedMessages()
  const runs: number[] = []
  const handler = idempotent(processed, (_payload: null, ctx: MessageContext) => {
    runs.push(ctx.attempt)
    if (ctx.attempt === 1) throw new Error('ledger offline')
  })
  await t.rejects(handler(null, context()), /ledger offline/, 'the failure still reaches the bus, which retries')
  t.equal(processed.docs.size, 0)
  await handler(null, context({ attempt: 2 }))
  t.same(runs, [1, 2])
  t.equal(processed.docs.size, 1, 'the successful retry leaves its marker')
})

t.test('the same message on two queues of one service is handled on each', async (t) => {
  const processed = new MemoryProcessedMessages()
  const queues: string[] = []
  const handler = idempotent(processed, (_payload: null, ctx: MessageContext) => { queues.push(ctx.queue) })
  await handler(null, context({ queue: 'billing.invoice' }))
  await handler(null, context({ queue: 'billing.audit' }))
  t.same(queues, ['billing.invoice', 'billing.audit'])
})

t.test('a store failure other than a duplicate fails the message without running the handler', async (t) => {
  const processed = new MemoryProcessedMessages()
  processed.failNextInsert = Object.assign(new Error('store down'), { code: 'STORE_UNAVAILABLE' })
  let ran = false
  const handler = idempotent(processed, () => { ran = true })
  await t.rejects(handler(null, context()), { code: 'STORE_UNAVAILABLE' })
  t.notOk(ran)
})
