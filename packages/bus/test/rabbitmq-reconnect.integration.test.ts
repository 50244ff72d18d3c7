import t from 'tap'
import { skipWithoutRabbitmq, waitFor } from '@driver/testing'
import { captureLogger } from './helpers/capture-logger.js'
import { handledOnce } from './helpers/handled-once.js'
import { rabbitmqHarness } from './helpers/rabbitmq-harness.js'
import { closeConnections, connectionsOf } from './helpers/rabbitmqctl.js'

await skipWithoutRabbitmq(t)
const harness = await rabbitmqHarness((fn) => t.teardown(fn))

t.test('rabbitmq: the broker closes the connections in the middle of ' +
  '1,000 publishes and every message is handled exactly once', async (t) => {
  const scope = await harness.scope((fn) => t.teardown(fn))
  const publisherLog = captureLogger()
  const consumerLog = captureLogger()
  const effects = new Map<string, number>()
  let deliveries = 0
  const billing = await scope.connect('billing', { logger: consumerLog.logger, prefetch: 10 })
  const applyOnce = handledOnce((payload: { orderId: string }) => {
    effects.set(payload.orderId, (effects.get(payload.orderId) ?? 0) + 1)
  })
  await billing.subscribe('orders.placed', (payload, context) => {
    deliveries++
    return applyOnce(payload, context)
  }, { subscription: 'invoice' })
  const orders = await scope.connect('orders', { logger: publisherLog.logger })
  const pids = await connectionsOf([orders.service, billing.service])
  t.equal(pids.length, 2, 'one connection per bus')

  const total = 1_000
  const inFlight = new Set<Promise<void>>()
  let confirmed = 0
  let outage: Promise<void> | undefined
  let lost = false
  let confirmedAtLoss = -1
  void publisherLog.seen('bus: connection lost').then(() => { lost = true; confirmedAtLoss = confirmed })
  for (let i = 0; i < total; i++) {
    if (i === 300) outage = closeConnections(pids)
    // rabbitmqctl takes most of a second; trickle until the broker acts so the drop lands mid-stream.
    if (i > 300 && !lost) await new Promise((resolve) => setTimeout(resolve, 2))
    if (i === total - 100 && !lost) await publisherLog.seen('bus: connection lost')
    const publish = orders.publish('orders.placed', { orderId: `o-${i}`, total: i }).then(() => { confirmed++ })
    inFlight.add(publish)
    void publish.finally(() => inFlight.delete(publish)).catch(() => {})
    if (inFlight.size >= 50) await Promise.race(inFlight)
  }
  await Promise.all(inFlight)
  await outage
  t.equal(confirmed, total, 'every publish resolved, none threw')
  t.ok(confirmedAtLoss >= 300 && confirmedAtLoss < total,
    `the drop came mid-stream (after ${confirmedAtLoss} confirms)`)

  // Queues are FIFO: once this is handled, every earlier copy (resent or redelivered) has been delivered.
  await orders.publish('orders.placed', { orderId: 'sentinel', total: 0 })
  await waitFor('the sentinel', () => effects.has('sentinel'), 30_000)
  effects.delete('sentinel')
  t.equal(effects.size, total, 'every message had its effect: nothing lost')
  t.equal([...effects.values()].reduce((sum, n) => sum + n, 0), total,
    'no message had a second effect: nothing duplicated')
  t.ok(consumerLog.count('bus: connected') >= 2, 'the consumer reconnected')
  t.ok(publisherLog.count('bus: connected') >= 2, 'the publisher reconnected')
  const sentAgain = publisherLog.count('bus: publish not confirmed, sending again')
  const skipped = consumerLog.count('bus: message already handled, skipped')
  t.comment(`${deliveries - 1} deliveries for ${total} messages; ` +
    `${sentAgain} publishes sent again; ${skipped} copies skipped`)
})
