import t from 'tap'
import { Registry } from 'prom-client'
import { metricValue, waitFor } from '@driver/testing'
import { busMetrics } from '../src/index.js'
import type { BusHarness } from './helpers/harness.js'

const fastRetry = { retries: 2, delay: 20, factor: 1 }

/** What every adapter counts, on the registry it is given; each adapter's test file runs it. */
export function runBusMetricsSuite (harness: BusHarness): void {
  t.test(`${harness.name}: the bus counts events published, handled, retried and dead-lettered ` +
    'by queue, and times requests by name', async (t) => {
    const scope = await harness.scope((fn) => t.teardown(fn))
    const registry = new Registry()
    const metrics = busMetrics(registry)
    const orders = await scope.connect('orders', { metrics })
    const billing = await scope.connect('billing', { metrics, retry: fastRetry })
    const sms = await scope.connect('sms', { metrics })
    const handled: string[] = []
    await billing.subscribe('orders.placed', (payload, context) => {
      // o-1 fails once then succeeds; o-2 fails every time (first attempt and two retries).
      if (payload.orderId === 'o-2' || context.attempt === 1) throw new Error('ledger offline')
      handled.push(payload.orderId)
    }, { subscription: 'invoice' })
    await sms.handle('sms.verify', () => ({ verified: true as const }))

    await orders.publish('orders.placed', { orderId: 'o-1', total: 5 })
    await orders.publish('orders.placed', { orderId: 'o-2', total: 5 })
    t.same(await orders.request('sms.verify', { phone: '13812345678', purpose: 'register', code: '123456' }),
      { verified: true })

    const queue = `${billing.service}.invoice`
    const value = async (name: string, labels: Record<string, string>) =>
      metricValue(await registry.metrics(), name, labels)
    await waitFor('o-2 dead-lettered', async () => await value('bus_messages_dead_lettered_total', { queue }) === 1)
    t.same(handled, ['o-1'])
    t.equal(await value('bus_messages_published_total', { queue: 'orders.placed' }), 2, 'published, by event name')
    t.equal(await value('bus_messages_consumed_total', { queue }), 1, 'o-1, handled on its retry')
    t.equal(await value('bus_messages_retried_total', { queue }), 3, "o-1's retry and o-2's two")
    t.equal(await value('bus_messages_dead_lettered_total', { queue }), 1)
    t.equal(await value('bus_messages_consumed_total', { queue: `${sms.service}.rpc.sms.verify` }), 1,
      'the request answered')
    t.equal(await value('bus_request_duration_seconds_count', { topic: 'sms.verify' }), 1)
    t.equal(await value('bus_request_duration_seconds_bucket', { topic: 'sms.verify', le: '+Inf' }), 1)
  })

  t.test(`${harness.name}: a request that times out is timed too`, async (t) => {
    const scope = await harness.scope((fn) => t.teardown(fn))
    const registry = new Registry()
    const orders = await scope.connect('orders', { metrics: busMetrics(registry) })
    await t.rejects(orders.request('orders.quote', { items: 1 }, { timeout: 50 }), { code: 'BUS_REQUEST_TIMEOUT' })
    const text = await registry.metrics()
    t.equal(metricValue(text, 'bus_request_duration_seconds_count', { topic: 'orders.quote' }), 1)
    t.ok(metricValue(text, 'bus_request_duration_seconds_sum', { topic: 'orders.quote' }) > 0.025, 'its wait')
  })
}
