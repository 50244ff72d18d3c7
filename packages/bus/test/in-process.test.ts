import { randomBytes } from 'node:crypto'
import pino from 'pino'
import { connectBus, InProcessBroker, type Bus } from '../src/index.js'
import { runBusContractSuite } from './contract-suite.js'
import { runBusMetricsSuite } from './metrics-suite.js'
import type { BusHarness } from './helpers/harness.js'
import { testContracts, type TestContracts } from './helpers/test-contracts.js'

const harness: BusHarness = {
  name: 'in-process',
  async scope (teardown) {
    const broker = new InProcessBroker()
    const suffix = randomBytes(3).toString('hex')
    const buses: Array<Bus<TestContracts>> = []
    teardown(async () => {
      await Promise.all(buses.map((bus) => bus.close()))
      broker.close()
    })
    return {
      async connect (service, options = {}) {
        const bus = await connectBus({
          service: `${service}-${suffix}`,
          broker,
          contracts: testContracts,
          logger: options.logger ?? pino({ level: 'silent' }),
          retry: options.retry,
          prefetch: options.prefetch,
          requestTimeout: options.requestTimeout,
          metrics: options.metrics
        })
        buses.push(bus)
        return bus
      },
      async putRaw (queue, message) {
        broker.enqueue(queue, {
          name: message.name,
          body: message.body,
          messageId: message.messageId,
          correlationId: undefined,
          requestId: undefined,
          source: 'a foreign client',
          attempt: 1,
          redelivered: false
        })
      },
      async deadLetters (deadLetterQueueName) {
        return broker.deadLetters(deadLetterQueueName).map(({ messageId, name, code }) => ({ messageId, name, code }))
      }
    }
  }
}
runBusContractSuite(harness)
runBusMetricsSuite(harness)
