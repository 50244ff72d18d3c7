import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { connect } from 'amqplib'
import { connectBus, type Bus } from '@driver/bus'
import type { Logger } from '@driver/contracts'
import { pino } from 'pino'

export const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672'

/**
 * Services of one test on the shared RabbitMQ, named apart from any other run
 * (their own exchanges and `<run>-<service>` queues), all removed after the test.
 */
export interface RabbitRun {
  prefix: string
  exchanges: { exchange: string, requestExchange: string }
  bus: (service: string, logger?: Logger) => Promise<Bus>
}

export function rabbitRun (t: { teardown: (fn: () => unknown) => void }): RabbitRun {
  const prefix = `t${randomBytes(3).toString('hex')}`
  const exchanges = { exchange: `${prefix}.events`, requestExchange: `${prefix}.requests` }
  t.teardown(async () => {
    const { stdout } = await promisify(execFile)('rabbitmqctl', ['list_queues', 'name', '-q', '--no-table-headers'])
    const connection = await connect(AMQP_URL)
    const channel = await connection.createChannel()
    for (const queue of stdout.split('\n').map((line) => line.trim()).filter((name) => name.startsWith(prefix))) await channel.deleteQueue(queue)
    for (const exchange of Object.values(exchanges)) await channel.deleteExchange(exchange)
    await connection.close()
  })
  return {
    prefix,
    exchanges,
    async bus (service, logger = pino({ level: 'silent' })) {
      const bus = await connectBus({ service: `${prefix}-${service}`, amqpUrl: AMQP_URL, logger, connectTimeout: 5_000, ...exchanges })
      t.teardown(() => bus.close())
      return bus
    }
  }
}
