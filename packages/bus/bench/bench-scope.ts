import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { connect } from 'amqplib'
import pino from 'pino'
import { connectBus, type Bus, type ConnectBusOptions } from '../src/index.js'

export const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672'

/** Names unique to this run, and a teardown that deletes what the run declared. */
export function benchScope () {
  const prefix = `bench${randomBytes(3).toString('hex')}`
  const exchange = `${prefix}.events`
  const requestExchange = `${prefix}.requests`
  const buses: Bus[] = []
  return {
    prefix,
    exchange,
    async connect (service: string, options: Partial<ConnectBusOptions> = {}): Promise<Bus> {
      const bus = await connectBus({
        service: `${prefix}-${service}`,
        amqpUrl: AMQP_URL,
        exchange,
        requestExchange,
        // Silent, so the figures measure the bus and the broker rather than log writing.
        logger: pino({ level: 'silent' }),
        ...options
      })
      buses.push(bus)
      return bus
    },
    async teardown (): Promise<void> {
      await Promise.all(buses.map((bus) => bus.close()))
      const { stdout } = await promisify(execFile)('rabbitmqctl', ['list_queues', 'name', '-q', '--no-table-headers'])
      const model = await connect(AMQP_URL)
      const channel = await model.createChannel()
      for (const queue of stdout.split('\n').map((line) => line.trim()).filter((name) => name.startsWith(prefix))) {
        await channel.deleteQueue(queue)
      }
      await channel.deleteExchange(exchange)
      await channel.deleteExchange(requestExchange)
      await model.close()
    }
  }
}
