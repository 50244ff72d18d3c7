import t from 'tap'
import { waitFor } from '@driver/testing'
import { connectBus, InProcessBroker } from '../src/index.js'
import { captureLogger } from './helpers/capture-logger.js'
import { phoneVerified } from './helpers/test-contracts.js'

t.test('services on one broker share it; the shared contracts are the default', async (t) => {
  const broker = new InProcessBroker()
  const log = captureLogger()
  const sms = await connectBus({ service: 'sms', broker, logger: log.logger })
  const resumes = broker.connect('resumes', { logger: log.logger })
  t.teardown(async () => { await sms.close(); await resumes.close(); broker.close() })
  const seen: string[] = []
  await resumes.subscribe('sms.phone_verified', (payload) => { seen.push(payload.phone) }, {
    subscription: 'bind-phone'
  })
  await sms.publish('sms.phone_verified', phoneVerified)
  await waitFor('delivery', () => seen.length === 1)
  t.same(seen, [phoneVerified.phone])
  t.same(broker.queueNames(), ['resumes.bind-phone'])
})

t.test('dead letters keep the message, the reason and where it came from', async (t) => {
  const broker = new InProcessBroker()
  const resumes = broker.connect('resumes', { retry: { retries: 0 } })
  const sms = broker.connect('sms')
  t.teardown(async () => { await sms.close(); await resumes.close(); broker.close() })
  await resumes.subscribe('sms.phone_verified', () => {
    throw Object.assign(new Error('wx user gone'), { code: 'RESUMES_NO_USER' })
  }, { subscription: 'bind-phone' })
  await sms.publish('sms.phone_verified', phoneVerified, { requestId: 'req-1' })
  await waitFor('the dead letter', () => broker.deadLetters('resumes.bind-phone.dlq').length === 1)
  const [dead] = broker.deadLetters('resumes.bind-phone.dlq')
  t.match(dead, {
    queue: 'resumes.bind-phone',
    name: 'sms.phone_verified',
    requestId: 'req-1',
    code: 'BUS_HANDLER_FAILED',
    reason: 'RESUMES_NO_USER: wx user gone',
    deadLetteredAt: Date
  })
  t.same(JSON.parse(dead?.body ?? ''), phoneVerified)
})

t.test('messages published while a service is down wait in its queue', async (t) => {
  const broker = new InProcessBroker()
  const sms = broker.connect('sms')
  t.teardown(async () => { await sms.close(); broker.close() })
  const first = broker.connect('resumes')
  await first.subscribe('sms.phone_verified', () => {}, { subscription: 'bind-phone' })
  await first.close()
  await sms.publish('sms.phone_verified', phoneVerified)
  const seen: unknown[] = []
  const second = broker.connect('resumes')
  t.teardown(() => second.close())
  await second.subscribe('sms.phone_verified', (payload) => { seen.push(payload) }, { subscription: 'bind-phone' })
  await waitFor('the queued event', () => seen.length === 1)
  t.same(seen, [phoneVerified])
})

t.test('a bad service name or option is refused when the bus is made', async (t) => {
  const broker = new InProcessBroker()
  t.throws(() => broker.connect('SMS Service'), /service must be lowercase/)
  t.throws(() => broker.connect('sms', { prefetch: 0 }), /prefetch must be a positive integer/)
  t.throws(() => broker.connect('sms', { retry: { retries: -1 } }), /retry.retries/)
})
