import t from 'tap'
import { skipWithoutRabbitmq, waitFor } from '@driver/testing'
import type { Bus } from '../src/index.js'
import { captureLogger } from './helpers/capture-logger.js'
import { handledOnce } from './helpers/handled-once.js'
import { AMQP_URL, rabbitmqHarness } from './helpers/rabbitmq-harness.js'
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy.js'
import { phoneVerified, type TestContracts } from './helpers/test-contracts.js'

await skipWithoutRabbitmq(t)
const harness = await rabbitmqHarness((fn) => t.teardown(fn))
const broker = new URL(AMQP_URL)

/** A bus in the same scope as `neighbour` whose connection runs through a proxy the test can cut. */
async function busBehindProxy (
  t: { teardown: (fn: () => Promise<void>) => void },
  neighbour: Bus<TestContracts>,
  service: string,
  options: Parameters<typeof harness.connectRaw>[1] = {}
): Promise<{ bus: Bus<TestContracts>, proxy: TcpProxy }> {
  const proxy = await startTcpProxy({ host: broker.hostname, port: Number(broker.port || 5672) })
  const url = new URL(AMQP_URL)
  url.hostname = '127.0.0.1'
  url.port = String(proxy.port)
  const scopeId = neighbour.service.slice(0, neighbour.service.lastIndexOf('-'))
  const bus = await harness.connectRaw(`${scopeId}-${service}`, {
    amqpUrl: url.toString(), exchange: `${scopeId}.events`, requestExchange: `${scopeId}.requests`, ...options
  })
  t.teardown(async () => { await bus.close(); await proxy.close() })
  return { bus, proxy }
}

t.test('rabbitmq: a publish during an outage waits for the reconnection, ' +
  'and fails clearly when the outage lasts too long', async (t) => {
  const scope = await harness.scope((fn) => t.teardown(fn))
  const resumes = await scope.connect('resumes')
  const seen: string[] = []
  await resumes.subscribe('sms.phone_verified', (payload) => { seen.push(payload.wxUserId) })
  const log = captureLogger()
  const { bus: sms, proxy } = await busBehindProxy(t, resumes, 'sms', {
    logger: log.logger, publishTimeout: 400, reconnect: { initialDelay: 20, maxDelay: 100 }
  })

  proxy.cut()
  await log.seen('bus: connection lost')
  await t.rejects(sms.ping(), { code: 'BUS_UNAVAILABLE' }, 'readiness reports the outage')
  const gaveUp = await sms.publish('sms.phone_verified', phoneVerified).catch((e: unknown) => e)
  t.match(gaveUp, { code: 'BUS_UNAVAILABLE', message: /publish of sms\.phone_verified gave up after waiting \d+ ms/ })

  const during = { ...phoneVerified, wxUserId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }
  const waiting = sms.publish('sms.phone_verified', during)
  proxy.restore()
  await waiting
  await waitFor('the event published during the outage', () => seen.includes(during.wxUserId))
  t.notOk(seen.includes(phoneVerified.wxUserId), 'the publish that gave up was never sent')
  await t.resolves(sms.ping())
})

t.test('rabbitmq: publishes whose confirms are lost with the connection are sent again, ' +
  'and consumers drop the copies', async (t) => {
  const scope = await harness.scope((fn) => t.teardown(fn))
  const billing = await scope.connect('billing')
  const effects: string[] = []
  await billing.subscribe('orders.placed', handledOnce((payload) => { effects.push(payload.orderId) }))
  const log = captureLogger()
  const { bus: orders, proxy } = await busBehindProxy(t, billing, 'orders', { logger: log.logger })

  const ids = Array.from({ length: 50 }, (_, i) => `o-${i}`)
  const publishes = ids.map((orderId) => orders.publish('orders.placed', { orderId, total: 1 }))
  proxy.cut()
  await log.seen('bus: connection lost')
  proxy.restore()
  await Promise.all(publishes)
  t.ok(log.count('bus: publish not confirmed, sending again') > 0, 'some publishes were sent again')
  await waitFor('all 50 effects', () => new Set(effects).size === 50)
  await orders.publish('orders.placed', { orderId: 'sentinel', total: 0 })
  await waitFor('the sentinel', () => effects.includes('sentinel'))
  t.same([...effects].sort(), [...ids, 'sentinel'].sort(), 'each order had exactly one effect')
})

t.test('rabbitmq: a message redelivered after the consumer lost its connection has no second effect', async (t) => {
  const scope = await harness.scope((fn) => t.teardown(fn))
  const orders = await scope.connect('orders')
  const log = captureLogger()
  const { bus: billing, proxy } = await busBehindProxy(t, orders, 'billing', { logger: log.logger })
  const effects: string[] = []
  let release: () => void = () => {}
  const released = new Promise<void>((resolve) => { release = resolve })
  await billing.subscribe('orders.placed', handledOnce(async (payload) => {
    effects.push(payload.orderId)
    await released
  }))

  await orders.publish('orders.placed', { orderId: 'o-1', total: 1 })
  await waitFor('the handler to start', () => effects.length === 1)
  proxy.cut()
  await log.seen('bus: connection lost')
  release()
  proxy.restore()
  await log.seen('bus: message already handled, skipped')
  t.same(effects, ['o-1'], 'the redelivered copy was recognised and skipped')
  t.ok(log.count('bus: could not settle the message, the broker will redeliver it') >= 1,
    'the ack of the first delivery was lost')
})

t.test('rabbitmq: a request waiting when the connection drops fails at once with BUS_CONNECTION_LOST', async (t) => {
  const scope = await harness.scope((fn) => t.teardown(fn))
  const sms = await scope.connect('sms')
  let started = false
  let release: () => void = () => {}
  await sms.handle('sms.verify', async () => {
    started = true
    await new Promise<void>((resolve) => { release = resolve })
    return { verified: true as const }
  })
  const { bus: identity, proxy } = await busBehindProxy(t, sms, 'identity')

  const pending = identity.request(
    'sms.verify', { phone: '13812345678', purpose: 'register', code: '123456' }, { timeout: 20_000 }
  )
  await waitFor('the handler to be working on it', () => started)
  proxy.cut()
  await t.rejects(pending, { code: 'BUS_CONNECTION_LOST', messageName: 'sms.verify' })
  release()
})

t.test('rabbitmq: connecting to a broker that is not there ' +
  'fails with BUS_UNAVAILABLE after connectTimeout', async (t) => {
  const log = captureLogger()
  const error = await harness.connectRaw('nowhere', {
    amqpUrl: 'amqp://guest:s3cret@127.0.0.1:1', connectTimeout: 300, reconnect: { initialDelay: 20, maxDelay: 50 }, logger: log.logger
  }).catch((e: unknown) => e)
  t.match(error, { code: 'BUS_UNAVAILABLE' })
  t.ok(log.count('bus: reconnecting') > 0, 'it retried with backoff before giving up')
  t.notMatch(log.text(), 's3cret', 'the password never reaches the log')
})
