import { connectBus, type Bus } from '@driver/bus'
import type { Logger } from '@driver/contracts'
import { AMQP_URL, rabbitmqScope, type RabbitmqScope } from '@driver/testing'
import { pino } from 'pino'

export interface RabbitRun extends RabbitmqScope {
  /** A bus on RabbitMQ for `service` within this test's names, closed after the test. */
  bus: (service: string, logger?: Logger) => Promise<Bus>
}

export function rabbitRun (t: { teardown: (fn: () => unknown) => void }): RabbitRun {
  const scope = rabbitmqScope(t)
  return {
    ...scope,
    async bus (service, logger = pino({ level: 'silent' })) {
      const bus = await connectBus(
        { service: `${scope.prefix}-${service}`, amqpUrl: AMQP_URL, logger, connectTimeout: 5_000, ...scope.exchanges }
      )
      t.teardown(() => bus.close())
      return bus
    }
  }
}
