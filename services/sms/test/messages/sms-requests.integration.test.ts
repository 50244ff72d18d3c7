import t from 'tap'
import { connectBus, type Bus } from '@driver/bus'
import { AMQP_URL, rabbitmqScope, skipWithoutRabbitmq } from '@driver/testing'
import { pino } from 'pino'
import { PHONE, build, latestCode } from '../helper.js'

await skipWithoutRabbitmq(t)
const { prefix, exchanges } = rabbitmqScope(t)

/** Each service gets its own connection, named apart from any other run on the same broker. */
async function rabbitBus (
  t: { teardown: (fn: () => unknown) => void }, service: string, logger = pino({ level: 'silent' })
): Promise<Bus> {
  const bus = await connectBus({
    service: `${prefix}-${service}`, amqpUrl: AMQP_URL, logger, connectTimeout: 5_000, ...exchanges
  })
  t.teardown(() => bus.close())
  return bus
}

t.test('identity sends and verifies codes by request/reply over RabbitMQ', async (t) => {
  const service = await build(t, { bus: await rabbitBus(t, 'sms') })
  const identity = await rabbitBus(t, 'identity')

  const send = { phone: PHONE, purpose: 'register', clientIp: '10.0.0.1' } as const
  t.same(await identity.request('sms.send', send), { sent: true })
  const code = await latestCode(service)
  const again = await identity.request('sms.send', send)
  t.match(again, { sent: false, code: 'SMS_RESEND_TOO_SOON' })

  t.same(await identity.request('sms.verify', { phone: PHONE, purpose: 'reset_password', code }), {
    verified: false, reason: '验证码错误', code: 'SMS_CODE_WRONG'
  }, 'a code is scoped to its purpose')
  t.same(await identity.request('sms.verify', { phone: PHONE, purpose: 'register', code }), { verified: true })
  t.same(await identity.request('sms.verify', { phone: PHONE, purpose: 'register', code }), {
    verified: false, reason: '验证码错误', code: 'SMS_CODE_WRONG'
  }, 'single use')
})

t.test('a fault in the sms service reaches the requester as a remote fault, not as a refusal', async (t) => {
  const lines: string[] = []
  const logger = pino({ level: 'info' }, { write: (line: string) => { lines.push(line) } })
  const service = await build(t, { bus: await rabbitBus(t, 'sms', logger) })
  const identity = await rabbitBus(t, 'identity')
  await service.app.store.close()
  await t.rejects(identity.request('sms.send', { phone: PHONE, purpose: 'register', clientIp: '10.0.0.1' }), {
    code: 'BUS_REMOTE_ERROR', remoteCode: 'STORE_CLOSED'
  })
  const failures = lines.map((line) => JSON.parse(line) as { level: number, msg: string })
    .filter((line) => line.msg === 'bus: request handler failed')
  t.equal(failures.length, 1)
  t.equal(failures[0]?.level, 50, 'logged as an error')
})
