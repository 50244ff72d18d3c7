import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { connect } from 'amqplib'

export const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672'

export interface RabbitmqScope {
  /** Prefix for this test's service names, so its queues are `<prefix>-<service>.…`. */
  prefix: string
  /** Exchanges of this test alone; pass them to `connectBus`. */
  exchanges: { exchange: string, requestExchange: string }
}

/**
 * Names for one test on the shared RabbitMQ, apart from any other run, and the
 * removal of its queues and exchanges after the test.
 */
export function rabbitmqScope (t: { teardown: (fn: () => unknown) => void }): RabbitmqScope {
  const prefix = `t${randomBytes(3).toString('hex')}`
  const exchanges = { exchange: `${prefix}.events`, requestExchange: `${prefix}.requests` }
  t.teardown(async () => {
    const { stdout } = await promisify(execFile)('rabbitmqctl', ['list_queues', 'name', '-q', '--no-table-headers'])
    const connection = await connect(AMQP_URL)
    const channel = await connection.createChannel()
    const queues = stdout.split('\n').map((line) => line.trim()).filter((name) => name.startsWith(prefix))
    for (const queue of queues) await channel.deleteQueue(queue)
    for (const exchange of Object.values(exchanges)) await channel.deleteExchange(exchange)
    await connection.close()
  })
  return { prefix, exchanges }
}
