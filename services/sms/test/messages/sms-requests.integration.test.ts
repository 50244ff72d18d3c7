import t from 'tap'
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { connect } from 'amqplib'
import { connectBus, type Bus } from '@driver/bus'
import { pino } from 'pino'
import { PHONE, buildSmsTestbed, latestCode } from '../helper.js'

const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672'
const RUN = `t${randomBytes(3).toString('hex')}`
const exchanges = { exchange: `${RUN}.events`, requestExchange: `${RUN}.requests` }

/** Each service gets its own connection, named apart from any other run on the same broker. */
async function rabbitBus (t: { teardown: (fn: () => unknown) => void }, service: string, logger = pino({ level: 'silent' })): Promise<Bus> {
  const bus = await connectBus({ service: `${RUN}-${service}`, amqpUrl: AMQP_URL, logger, connectTimeout: 5_000, ...exchanges })
  t.teardown(() => bus.close())
  return bus
}

t.teardown(async () => {
  const { stdout } = await promisify(execFile)('rabbitmqctl', ['list_queues', 'name', '-q', '--no-table-headers'])
  const connection = await connect(AMQP_URL)
  const channel = await connection.createChannel()
  for (const queue of stdout.split('\n').map((line) => line.trim()).filter((name) => name.startsWith(RUN))) await channel.deleteQueue(queue)
  for (const exchange of Object.values(exchanges)) await channel.deleteExchange(exchange)
  await connection.close()
})

t.test('identity sends and verifies codes by request/reply over RabbitMQ', async (t) => {
  const testbed = await buildSmsTestbed(t, {}, { bus: await rabbitBus(t, 'sms') })
  const identity = await rabbitBus(t, 'identity')

  t.same(await identity.request('sms.send', { phone: PHONE, purpose: 'register' }), { sent: true })
  const code = await latestCode(testbed)
  const again = await identity.request('sms.send', { phone: PHONE, purpose: 'register' })
  t.match(again, { sent: false, code: 'SMS_RESEND_TOO_SOON' })

  t.same(await identity.request('sms.verify', { phone: PHONE, purpose: 'reset_password', code }), { verified: false, reason: '验证码错误', code: 'SMS_CODE_WRONG' }, 'a code is scoped to its purpose')
  t.same(await identity.request('sms.verify', { phone: PHONE, purpose: 'register', code }), { verified: true })
  t.same(await identity.request('sms.verify', { phone: PHONE, purpose: 'register', code }), { verified: false, reason: '验证码错误', code: 'SMS_CODE_WRONG' }, 'single use')
})

t.test('a fault in the sms service reaches the requester as a remote fault, not as a refusal', async (t) => {
  const lines: string[] = []
  const testbed = await buildSmsTestbed(t, {}, { bus: await rabbitBus(t, 'sms', pino({ level: 'info' }, { write: (line: string) => { lines.push(line) } })) })
  const identity = await rabbitBus(t, 'identity')
  await testbed.app.store.close()
  await t.rejects(identity.request('sms.send', { phone: PHONE, purpose: 'register' }), { code: 'BUS_REMOTE_ERROR', remoteCode: 'STORE_CLOSED' })
  const failures = lines.map((line) => JSON.parse(line) as { level: number, msg: string }).filter((line) => line.msg === 'bus: request handler failed')
  t.equal(failures.length, 1)
  t.equal(failures[0]?.level, 50, 'logged as an error')
})
