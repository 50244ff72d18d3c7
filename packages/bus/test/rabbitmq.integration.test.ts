import t from 'tap'
import { runBusContractSuite } from './contract-suite.js'
import { runBusMetricsSuite } from './metrics-suite.js'
import { rabbitmqHarness } from './helpers/rabbitmq-harness.js'
import { skipWithoutRabbitmq } from '@driver/testing'

await skipWithoutRabbitmq(t)
const harness = await rabbitmqHarness((fn) => t.teardown(fn))
runBusContractSuite(harness)
runBusMetricsSuite(harness)

t.test('rabbitmq: each subscription owns a durable queue, ' +
  'a retry queue and a dead-letter queue named after it', async (t) => {
  const scope = await harness.scope((fn) => t.teardown(fn))
  const resumes = await scope.connect('resumes')
  await resumes.subscribe('sms.phone_verified', () => {}, { subscription: 'bind-phone' })
  await resumes.handle('sms.verify', () => ({ verified: true as const }))
  const admin = await harness.admin()
  const queues = ['bind-phone', 'bind-phone.retry', 'bind-phone.dlq', 'rpc.sms.verify']
    .map((suffix) => `${resumes.service}.${suffix}`)
  for (const queue of queues) t.match(await admin.checkQueue(queue), { queue }, `${queue} exists`)
})

t.test('rabbitmq: a second consumer of the same queue on one bus is refused', async (t) => {
  const scope = await harness.scope((fn) => t.teardown(fn))
  const resumes = await scope.connect('resumes')
  await resumes.subscribe('sms.phone_verified', () => {}, { subscription: 'bind-phone' })
  await t.rejects(resumes.subscribe('sms.phone_verified', () => {}, { subscription: 'bind-phone' }), {
    code: 'BUS_DUPLICATE_CONSUMER'
  })
  await t.rejects(resumes.subscribe('sms.phone_verifed', () => {}), { code: 'BUS_UNKNOWN_MESSAGE' },
    'a pattern that routes nothing is a typo')
})
