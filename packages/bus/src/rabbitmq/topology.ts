import type { Channel } from 'amqplib'
import { deadLetterQueue, retryQueue } from '../queue-names.js'

export async function declareExchanges (
  channel: Channel, names: { exchange: string, requestExchange: string }
): Promise<void> {
  await channel.assertExchange(names.exchange, 'topic', { durable: true })
  await channel.assertExchange(names.requestExchange, 'direct', { durable: true })
}

interface Binding {
  exchange: string
  key: string
}

/**
 * `queue` is bound to the events exchange; `queue.retry` has no consumer, and when a
 * message's per-message TTL (its backoff) expires the broker dead-letters it back to
 * `queue` through the default exchange; `queue.dlq` only collects. The main queue has no
 * dead-letter arguments: the consumer moves messages itself so it can attach the reason.
 */
export async function declareSubscriptionQueues (channel: Channel, queue: string, binding: Binding): Promise<void> {
  await channel.assertQueue(retryQueue(queue), {
    durable: true,
    arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': queue }
  })
  await declareBoundQueue(channel, queue, binding)
}

/** Requests are never retried (their requester is waiting), so a request queue has no retry queue. */
export async function declareRequestQueues (channel: Channel, queue: string, binding: Binding): Promise<void> {
  await declareBoundQueue(channel, queue, binding)
}

async function declareBoundQueue (channel: Channel, queue: string, binding: Binding): Promise<void> {
  await channel.assertQueue(queue, { durable: true })
  await channel.assertQueue(deadLetterQueue(queue), { durable: true })
  await channel.bindQueue(queue, binding.exchange, binding.key)
}
