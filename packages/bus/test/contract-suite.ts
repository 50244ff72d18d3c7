import t from 'tap'
import { waitFor } from '@driver/testing'
import { BusRemoteError, BusRequestTimeoutError, type MessageContext } from '../src/index.js'
import { captureLogger } from './helpers/capture-logger.js'
import type { BusHarness } from './helpers/harness.js'
import { phoneVerified } from './helpers/test-contracts.js'

const fastRetry = { retries: 2, delay: 20, factor: 1 }

/** The behaviour every Bus adapter promises; each adapter's test file runs it against its own harness. */
export function runBusContractSuite (harness: BusHarness): void {
  t.test(`${harness.name}: an event reaches its subscriber ` +
    'with its message, correlation and request ids', async (t) => {
    const scope = await harness.scope((fn) => t.teardown(fn))
    const log = captureLogger()
    const sms = await scope.connect('sms', { logger: log.logger })
    const resumes = await scope.connect('resumes', { logger: log.logger })
    const seen: Array<{ payload: unknown, context: MessageContext }> = []
    await resumes.subscribe('sms.phone_verified', (payload, context) => {
      seen.push({ payload, context })
    }, { subscription: 'bind-phone' })

    await sms.publish('sms.phone_verified', phoneVerified, { requestId: 'req-7f3a' })
    await waitFor('the event to be handled', () =>
      seen.length === 1 && log.lines.some((line) => line.msg === 'bus: event handled'))

    const [{ payload, context }] = seen as [typeof seen[number]]
    t.same(payload, phoneVerified)
    t.match(context, {
      name: 'sms.phone_verified',
      requestId: 'req-7f3a',
      source: sms.service,
      queue: `${resumes.service}.bind-phone`,
      attempt: 1,
      redelivered: false
    })
    t.match(context.messageId, /^[0-9a-f-]{36}$/)
    t.equal(context.correlationId, context.messageId, 'the first message of a chain starts its correlation')

    const published = log.lines.find((line) => line.msg === 'bus: event published')
    const handled = log.lines.find((line) => line.msg === 'bus: event handled')
    t.match(published, {
      messageName: 'sms.phone_verified',
      messageId: context.messageId,
      correlationId: context.messageId,
      reqId: 'req-7f3a'
    })
    t.match(handled, { messageId: context.messageId, reqId: 'req-7f3a', queue: context.queue })
    t.notMatch(log.text(), phoneVerified.phone, 'payloads never reach the log')
  })

  t.test(`${harness.name}: publishing from a handler with its context carries the correlation on`, async (t) => {
    const scope = await harness.scope((fn) => t.teardown(fn))
    const orders = await scope.connect('orders')
    const billing = await scope.connect('billing')
    const invoices: MessageContext[] = []
    await billing.subscribe('orders.placed', async (payload, context) => {
      const { correlationId, requestId } = context
      await billing.publish('billing.invoice_issued', { orderId: payload.orderId }, { correlationId, requestId })
    })
    await orders.subscribe('billing.invoice_issued', (_payload, context) => { invoices.push(context) })
    await orders.publish(
      'orders.placed', { orderId: 'o-1', total: 100 }, { requestId: 'req-1', correlationId: 'checkout-9' }
    )
    await waitFor('the invoice event', () => invoices.length === 1)
    t.match(invoices[0], { correlationId: 'checkout-9', requestId: 'req-1', source: billing.service })
  })

  t.test(`${harness.name}: topic patterns route by words, * one word and # any number`, async (t) => {
    const scope = await harness.scope((fn) => t.teardown(fn))
    const publisher = await scope.connect('orders')
    const listener = await scope.connect('audit')
    const got: Record<string, string[]> = { oneWord: [], anyWords: [], everything: [], placedAnywhere: [] }
    const record = (into: string[]) => (_payload: unknown, context: MessageContext) => { into.push(context.name) }
    await listener.subscribe('orders.*', record(got.oneWord as string[]), { subscription: 'one-word' })
    await listener.subscribe('orders.#', record(got.anyWords as string[]), { subscription: 'any-words' })
    await listener.subscribe('#', record(got.everything as string[]), { subscription: 'everything' })
    await listener.subscribe('*.placed', record(got.placedAnywhere as string[]), { subscription: 'placed' })

    await publisher.publish('orders.item.returned', { orderId: 'o-1', sku: 'tyre' })
    await publisher.publish('billing.invoice_issued', { orderId: 'o-1' })
    await publisher.publish('orders.placed', { orderId: 'o-1', total: 1 })
    // Each queue is FIFO, so once this last one arrives everywhere, nothing routed earlier is still on its way.
    await publisher.publish('orders.placed', { orderId: 'last', total: 1 })
    const placedTwiceLast = (names: string[]) => names.length > 0 && names.at(-1) === 'orders.placed' &&
      names.filter((name) => name === 'orders.placed').length === 2
    await waitFor('the last event in every queue', () => Object.values(got).every(placedTwiceLast))

    t.same(got.oneWord, ['orders.placed', 'orders.placed'])
    t.same(got.anyWords, ['orders.item.returned', 'orders.placed', 'orders.placed'])
    t.same(got.everything, ['orders.item.returned', 'billing.invoice_issued', 'orders.placed', 'orders.placed'])
    t.same(got.placedAnywhere, ['orders.placed', 'orders.placed'])
  })

  t.test(`${harness.name}: two services each get every event; two instances of one service share them`, async (t) => {
    const scope = await harness.scope((fn) => t.teardown(fn))
    const publisher = await scope.connect('orders')
    const resumesA = await scope.connect('resumes')
    const resumesB = await scope.connect('resumes')
    const media = await scope.connect('media')
    const byResumes: string[] = []
    const byMedia: string[] = []
    const instances = new Set<string>()
    await resumesA.subscribe('orders.shipped', (payload) => { byResumes.push(payload.orderId); instances.add('a') })
    await resumesB.subscribe('orders.shipped', (payload) => { byResumes.push(payload.orderId); instances.add('b') })
    await media.subscribe('orders.shipped', (payload) => { byMedia.push(payload.orderId) })

    const ids = Array.from({ length: 20 }, (_, i) => `o-${i}`)
    for (const orderId of ids) await publisher.publish('orders.shipped', { orderId })
    await waitFor('both services to see all 20', () => byResumes.length >= 20 && byMedia.length >= 20)

    t.same([...byResumes].sort(), [...ids].sort(), 'resumes handled each exactly once across its instances')
    t.same([...byMedia].sort(), [...ids].sort(), 'media got its own copy of each')
    t.same([...instances].sort(), ['a', 'b'], 'both resumes instances took a share')
  })

  t.test(`${harness.name}: a payload that breaks its schema is refused by publish and nothing is sent`, async (t) => {
    const scope = await harness.scope((fn) => t.teardown(fn))
    const sms = await scope.connect('sms')
    const resumes = await scope.connect('resumes')
    const seen: unknown[] = []
    await resumes.subscribe('sms.phone_verified', (payload) => { seen.push(payload) })

    const secretish = '99912345678'
    const error = await sms
      .publish('sms.phone_verified', { ...phoneVerified, phone: secretish, verifiedAt: 'yesterday' })
      .catch((e: unknown) => e)
    t.match(error, { code: 'BUS_INVALID_MESSAGE', messageName: 'sms.phone_verified' })
    t.match((error as Error).message, /\/phone .*pattern/)
    t.match((error as Error).message, /\/verifiedAt .*date-time/)
    t.notMatch((error as Error).message, secretish, 'the error names the field, not its value')
    // @ts-expect-error the type system already refuses a missing field
    await t.rejects(sms.publish('sms.phone_verified', { phone: '13812345678' }), { code: 'BUS_INVALID_MESSAGE' })
    // @ts-expect-error and an unknown event name
    await t.rejects(sms.publish('sms.phone_verify', phoneVerified), { code: 'BUS_UNKNOWN_MESSAGE' })

    await sms.publish('sms.phone_verified', phoneVerified)
    await waitFor('the valid event', () => seen.length === 1)
    t.same(seen, [phoneVerified], 'only the valid event was delivered')
  })

  t.test(`${harness.name}: a malformed message on a queue ` +
    'is dead-lettered and never reaches the handler', async (t) => {
    const scope = await harness.scope((fn) => t.teardown(fn))
    const sms = await scope.connect('sms')
    const resumes = await scope.connect('resumes', { retry: fastRetry })
    const seen: unknown[] = []
    await resumes.subscribe('sms.phone_verified', (payload) => { seen.push(payload) }, { subscription: 'bind-phone' })
    const queue = `${resumes.service}.bind-phone`

    await scope.putRaw(queue, {
      name: 'sms.phone_verified', messageId: 'bad-schema', body: JSON.stringify({ ...phoneVerified, phone: '123' })
    })
    await scope.putRaw(queue, { name: 'sms.phone_verified', messageId: 'bad-json', body: '{"phone":' })
    await scope.putRaw(queue, { name: 'sms.no_such_event', messageId: 'bad-name', body: '{}' })
    await waitFor('three dead letters', async () => (await scope.deadLetters(`${queue}.dlq`)).length === 3)
    const dead = await scope.deadLetters(`${queue}.dlq`)
    t.same(dead.map((d) => [d.messageId, d.code]).sort(), [
      ['bad-json', 'BUS_INVALID_MESSAGE'],
      ['bad-name', 'BUS_UNKNOWN_MESSAGE'],
      ['bad-schema', 'BUS_INVALID_MESSAGE']
    ])

    await sms.publish('sms.phone_verified', phoneVerified)
    await waitFor('the valid event', () => seen.length === 1)
    t.same(seen, [phoneVerified], 'the handler only ever saw the valid message')
  })

  t.test(`${harness.name}: a handler that keeps failing is retried, then dead-lettered`, async (t) => {
    const scope = await harness.scope((fn) => t.teardown(fn))
    const orders = await scope.connect('orders')
    const billing = await scope.connect('billing', { retry: fastRetry })
    const attempts: number[] = []
    await billing.subscribe('orders.placed', (_payload, context) => {
      attempts.push(context.attempt)
      throw Object.assign(new Error('ledger offline'), { code: 'BILLING_LEDGER_DOWN' })
    }, { subscription: 'invoice' })
    await orders.publish('orders.placed', { orderId: 'o-1', total: 5 }, { messageId: 'order-o-1' })

    const dlq = `${billing.service}.invoice.dlq`
    await waitFor('the dead letter', async () => (await scope.deadLetters(dlq)).length === 1)
    t.same(attempts, [1, 2, 3], 'the first attempt and two retries')
    t.match(await scope.deadLetters(dlq), [
      { messageId: 'order-o-1', name: 'orders.placed', code: 'BUS_HANDLER_FAILED' }
    ])
  })

  t.test(`${harness.name}: a handler that fails once succeeds on its retry`, async (t) => {
    const scope = await harness.scope((fn) => t.teardown(fn))
    const orders = await scope.connect('orders')
    const billing = await scope.connect('billing', { retry: fastRetry })
    const attempts: number[] = []
    const done: string[] = []
    await billing.subscribe('orders.placed', (payload, context) => {
      attempts.push(context.attempt)
      if (context.attempt === 1) throw new Error('flaky')
      done.push(payload.orderId)
    }, { subscription: 'invoice' })
    await orders.publish('orders.placed', { orderId: 'o-2', total: 5 })
    await waitFor('the retry to succeed', () => done.length === 1)
    t.same(attempts, [1, 2])
    t.same(await scope.deadLetters(`${billing.service}.invoice.dlq`), [])
  })

  t.test(`${harness.name}: a request gets its handler's reply, typed by its contract`, async (t) => {
    const scope = await harness.scope((fn) => t.teardown(fn))
    const identity = await scope.connect('identity')
    const sms = await scope.connect('sms')
    const contexts: MessageContext[] = []
    await sms.handle('sms.verify', (payload, context) => {
      contexts.push(context)
      return payload.code === '123456'
        ? { verified: true as const }
        : { verified: false as const, reason: '验证码错误', code: 'SMS_CODE_WRONG' }
    })

    const ok = await identity.request(
      'sms.verify', { phone: '13812345678', purpose: 'register', code: '123456' }, { requestId: 'req-9' }
    )
    t.same(ok, { verified: true })
    const refused = await identity.request('sms.verify', { phone: '13812345678', purpose: 'register', code: '000000' })
    t.same(refused, { verified: false, reason: '验证码错误', code: 'SMS_CODE_WRONG' })
    if (!refused.verified) t.equal(refused.code, 'SMS_CODE_WRONG', 'the reply type narrows on `verified`')
    t.match(contexts[0], {
      name: 'sms.verify', requestId: 'req-9', source: identity.service, queue: `${sms.service}.rpc.sms.verify`
    })
  })

  t.test(`${harness.name}: a failing or contract-breaking request handler answers with an error code`, async (t) => {
    const scope = await harness.scope((fn) => t.teardown(fn))
    const orders = await scope.connect('orders')
    const pricing = await scope.connect('pricing')
    await pricing.handle('orders.quote', (payload) => {
      if (payload.items > 100) throw Object.assign(new Error('too many items'), { code: 'PRICING_TOO_MANY' })
      return { price: -1 }
    })
    const thrown = await orders.request('orders.quote', { items: 101 }).catch((e: unknown) => e)
    t.type(thrown, BusRemoteError)
    t.match(thrown, { code: 'BUS_REMOTE_ERROR', remoteCode: 'PRICING_TOO_MANY' })
    await t.rejects(orders.request('orders.quote', { items: 1 }), {
      code: 'BUS_REMOTE_ERROR', remoteCode: 'BUS_INVALID_REPLY'
    })
    await t.rejects(orders.request('orders.quote', { items: 0 }), { code: 'BUS_INVALID_MESSAGE' },
      'a bad request is refused before it is sent')
  })

  t.test(`${harness.name}: a request nobody handles times out with a clear error`, async (t) => {
    const scope = await harness.scope((fn) => t.teardown(fn))
    const orders = await scope.connect('orders')
    const error = await orders.request('orders.quote', { items: 1 }, { timeout: 300 }).catch((e: unknown) => e)
    t.type(error, BusRequestTimeoutError)
    t.match(error, { code: 'BUS_REQUEST_TIMEOUT', messageName: 'orders.quote', timeout: 300 })
    t.match((error as Error).message, /orders\.quote got no reply within 300 ms/)
  })

  t.test(`${harness.name}: a closed bus refuses work and fails its readiness ping`, async (t) => {
    const scope = await harness.scope((fn) => t.teardown(fn))
    const sms = await scope.connect('sms')
    await t.resolves(sms.ping())
    await sms.close()
    await t.rejects(sms.ping(), { code: 'BUS_CLOSED' })
    await t.rejects(sms.publish('sms.phone_verified', phoneVerified), { code: 'BUS_CLOSED' })
    await t.rejects(sms.request('sms.verify', { phone: '13812345678', purpose: 'register', code: '123456' }), {
      code: 'BUS_CLOSED'
    })
  })
}
