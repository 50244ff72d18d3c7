import type { Logger } from '@driver/contracts'
import type { Bus, BusMetrics, RetryPolicy } from '../../src/index.js'
import type { TestContracts } from './test-contracts.js'

export interface HarnessBusOptions {
  logger?: Logger
  retry?: Partial<RetryPolicy>
  prefetch?: number
  requestTimeout?: number
  metrics?: BusMetrics
}

export interface DeadLetterView {
  messageId: string | undefined
  name: string | undefined
  code: string | undefined
}

/** Everything one test needs, isolated from every other test (own exchanges or own broker). */
export interface Scope {
  /** A bus for `service` (made unique to this test); closed when the test ends. Same name twice = two instances. */
  connect: (service: string, options?: HarnessBusOptions) => Promise<Bus<TestContracts>>
  /** Puts a message straight on a queue, skipping the publisher's checks, as a foreign client could. */
  putRaw: (queue: string, message: { name: string, body: string, messageId?: string }) => Promise<void>
  /** Everything dead-lettered to `queue` so far. */
  deadLetters: (deadLetterQueueName: string) => Promise<DeadLetterView[]>
}

export interface BusHarness {
  name: string
  scope: (teardown: (fn: () => Promise<void>) => void) => Promise<Scope>
}
