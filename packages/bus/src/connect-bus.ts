import type { ContractRegistry, Contracts } from '@driver/contracts'
import type { Bus } from './bus.js'
import { InProcessBroker } from './in-process/broker.js'
import { RabbitBus } from './rabbitmq/rabbitmq-bus.js'
import type { RabbitBusOptions } from './rabbitmq/rabbitmq-options.js'

export interface ConnectBusOptions<C extends ContractRegistry = Contracts>
  extends Omit<RabbitBusOptions<C>, 'amqpUrl'> {
  /** RabbitMQ when set; the in-process broker otherwise. */
  amqpUrl?: string | undefined
  /** The process's shared in-process broker (all-in-one mode). Without one, the bus gets a private broker. */
  broker?: InProcessBroker | undefined
}

/** The bus for one service: RabbitMQ when `amqpUrl` is set, the in-process broker otherwise. */
export async function connectBus<C extends ContractRegistry = Contracts> (
  options: ConnectBusOptions<C>
): Promise<Bus<C>> {
  const { amqpUrl, broker, ...rest } = options
  if (amqpUrl !== undefined && amqpUrl !== '') {
    const bus = new RabbitBus<C>({ ...rest, amqpUrl })
    await bus.open()
    return bus
  }
  return (broker ?? new InProcessBroker({ logger: options.logger })).connect<C>(rest.service, rest)
}
