import { randomBytes } from 'node:crypto'
import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib'
import pino from 'pino'
import { connectBus, type Bus, type ConnectBusOptions } from '../../src/index.js'
import type { BusHarness, DeadLetterView, HarnessBusOptions } from './harness.js'
import { queuesStartingWith } from './rabbitmqctl.js'
import { testContracts, type TestContracts } from './test-contracts.js'

export const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672'

/** Everything this run declares starts with this, so teardown can find it and parallel runs never meet. */
export const RUN_PREFIX = `t${randomBytes(3).toString('hex')}`

/** A RabbitMQ harness: one admin connection for raw puts, DLQ reads and teardown; a pair of exchanges per test. */
export async function rabbitmqHarness (teardownFile: (fn: () => Promise<void>) => void): Promise<BusHarness & {
  connectRaw: (service: string, options: Partial<ConnectBusOptions<TestContracts>>) => Promise<Bus<TestContracts>>
  admin: () => Promise<ConfirmChannel>
}> {
  const model: ChannelModel = await connect(AMQP_URL)
  let channel: ConfirmChannel | undefined
  const admin = async (): Promise<ConfirmChannel> => {
    // A failed passive check closes the channel, so open a fresh one when needed.
    if (channel === undefined) {
      const opened = await model.createConfirmChannel()
      opened.on('error', () => {})
      opened.on('close', () => { if (channel === opened) channel = undefined })
      channel = opened
    }
    return channel
  }
  const exchanges: string[] = []
  let scopes = 0
  teardownFile(async () => {
    const ch = await admin()
    for (const queue of await queuesStartingWith(RUN_PREFIX)) await ch.deleteQueue(queue)
    for (const exchange of exchanges) await ch.deleteExchange(exchange)
    await model.close()
  })

  const connectRaw = async (
    service: string, options: Partial<ConnectBusOptions<TestContracts>>
  ): Promise<Bus<TestContracts>> =>
    connectBus<TestContracts>({
      logger: pino({ level: 'silent' }),
      contracts: testContracts,
      amqpUrl: AMQP_URL,
      connectTimeout: 5_000,
      reconnect: { initialDelay: 50, maxDelay: 500 },
      ...options,
      service
    })

  return {
    name: 'rabbitmq',
    admin,
    connectRaw,
    async scope (teardown) {
      const id = `${RUN_PREFIX}s${++scopes}`
      const exchange = `${id}.events`
      const requestExchange = `${id}.requests`
      exchanges.push(exchange, requestExchange)
      const buses: Array<Bus<TestContracts>> = []
      const dead = new Map<string, DeadLetterView[]>()
      teardown(async () => { await Promise.all(buses.map((bus) => bus.close())) })
      return {
        async connect (service, options: HarnessBusOptions = {}) {
          const bus = await connectRaw(`${id}-${service}`, { exchange, requestExchange, ...options })
          buses.push(bus)
          return bus
        },
        async putRaw (queue, message) {
          const ch = await admin()
          ch.sendToQueue(queue, Buffer.from(message.body), {
            type: message.name, messageId: message.messageId, persistent: true, contentType: 'application/json'
          })
          await ch.waitForConfirms()
        },
        async deadLetters (deadLetterQueueName) {
          const ch = await admin()
          const list = dead.get(deadLetterQueueName) ?? []
          dead.set(deadLetterQueueName, list)
          const next = () => ch.get(deadLetterQueueName, { noAck: true })
          for (let message = await next(); message !== false; message = await next()) {
            const code: unknown = message.properties.headers?.['x-error-code']
            const { messageId, type } = message.properties
            list.push({ messageId, name: type, code: typeof code === 'string' ? code : undefined })
          }
          return [...list]
        }
      }
    }
  }
}
