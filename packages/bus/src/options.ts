import { contracts as sharedContracts, type ContractRegistry, type Contracts } from '@driver/contracts'
import type { Logger } from '@driver/contracts'
import type { BusMetrics } from './bus-metrics.js'
import { resolveRetryPolicy, type RetryPolicy } from './retry-policy.js'

/** Options every adapter takes. */
export interface BusOptions<C extends ContractRegistry = Contracts> {
  /** Lowercase, digits and dashes; prefixes every queue the service owns. */
  service: string
  logger: Logger
  /** The message registry; the shared `@driver/contracts` one by default. */
  contracts?: C
  /** Unacknowledged messages a subscription holds at once. */
  prefetch?: number
  retry?: Partial<RetryPolicy>
  /** Default milliseconds a `request` waits for its reply. */
  requestTimeout?: number
  /** Counters and latencies on the service's registry (`busMetrics`); nothing is counted without. */
  metrics?: BusMetrics
}

export interface ResolvedBusOptions<C extends ContractRegistry> {
  service: string
  logger: Logger
  contracts: C
  prefetch: number
  retry: RetryPolicy
  requestTimeout: number
  metrics: BusMetrics | undefined
}

const SERVICE_NAME = /^[a-z][a-z0-9-]*$/

export function positiveInteger (name: string, value: number | undefined, fallback: number): number {
  const resolved = value ?? fallback
  if (!Number.isInteger(resolved) || resolved <= 0) {
    throw new TypeError(`${name} must be a positive integer, got ${resolved}`)
  }
  return resolved
}

export function resolveBusOptions<C extends ContractRegistry> (options: BusOptions<C>): ResolvedBusOptions<C> {
  if (!SERVICE_NAME.test(options.service)) {
    throw new TypeError(`service must be lowercase letters, digits and dashes, got "${options.service}"`)
  }
  return {
    service: options.service,
    logger: options.logger,
    // Without a registry of its own a bus speaks the shared one; the cast only restores the default type argument.
    contracts: options.contracts ?? (sharedContracts as ContractRegistry as C),
    prefetch: positiveInteger('prefetch', options.prefetch, 16),
    retry: resolveRetryPolicy(options.retry),
    requestTimeout: positiveInteger('requestTimeout', options.requestTimeout, 5_000),
    metrics: options.metrics
  }
}
