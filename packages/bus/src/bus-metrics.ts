import { Counter, Histogram, type Registry } from 'prom-client'

/**
 * What a bus counts, on the registry of the service it belongs to. `queue` is
 * the queue a message was taken from; for a publish, which has no queue of its
 * own (every subscribing queue gets a copy), it is the event's name, the key it
 * is routed by.
 */
export interface BusMetrics {
  /** Events the broker took (confirmed, on RabbitMQ). */
  published: Counter<'queue'>
  /** Messages handled and acknowledged: events whose handler succeeded, requests answered. */
  consumed: Counter<'queue'>
  /** Events whose handler failed and that were scheduled for another attempt. */
  retried: Counter<'queue'>
  /** Messages moved to the queue's dead-letter queue: malformed, or failed on their last attempt. */
  deadLettered: Counter<'queue'>
  /** From sending a request to its reply, its remote error or its timeout. */
  requestDuration: Histogram<'topic'>
}

/** Request–reply latencies: a local answer takes a millisecond, the default timeout is 5 s. */
const REQUEST_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** The bus's metrics, registered once on `registry` (a service's, which labels them with its name). */
export function busMetrics (registry: Registry): BusMetrics {
  const registers = [registry]
  return {
    published: new Counter({
      name: 'bus_messages_published_total', help: 'Events published, by event name', labelNames: ['queue'], registers
    }),
    consumed: new Counter({
      name: 'bus_messages_consumed_total',
      help: 'Messages handled and acknowledged, by queue',
      labelNames: ['queue'],
      registers
    }),
    retried: new Counter({
      name: 'bus_messages_retried_total',
      help: 'Events whose handler failed, scheduled again, by queue',
      labelNames: ['queue'],
      registers
    }),
    deadLettered: new Counter({
      name: 'bus_messages_dead_lettered_total',
      help: 'Messages moved to the dead-letter queue, by queue',
      labelNames: ['queue'],
      registers
    }),
    requestDuration: new Histogram({
      name: 'bus_request_duration_seconds',
      help: 'Request–reply latency, by request name, whatever the outcome',
      labelNames: ['topic'],
      buckets: REQUEST_BUCKETS,
      registers
    })
  }
}
