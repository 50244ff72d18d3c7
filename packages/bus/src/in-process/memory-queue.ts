import type { Envelope } from '../envelope.js'

/** A message sitting in a queue; requests also carry where to reply and when they go stale. */
export interface QueuedMessage extends Envelope {
  replyTo?: string
  expiresAt?: number
}

interface Consumer {
  prefetch: number
  inFlight: number
  deliver: (message: QueuedMessage) => Promise<void>
}

/**
 * One queue of the in-process broker. It outlives the buses that consume it, like a
 * durable queue; deliveries are asynchronous and bounded by each consumer's prefetch,
 * and several consumers of one queue take turns, like instances of one service.
 */
export class MemoryQueue {
  readonly eventPatterns = new Set<string>()
  readonly requestNames = new Set<string>()
  private readonly messages: QueuedMessage[] = []
  private readonly consumers: Consumer[] = []
  private turn = 0
  private pumpScheduled = false

  constructor (readonly name: string) {}

  get depth (): number {
    return this.messages.length
  }

  enqueue (message: QueuedMessage): void {
    this.messages.push(message)
    this.schedulePump()
  }

  /** Returns a cancel function that resolves once this consumer's running deliveries are done. */
  consume (prefetch: number, deliver: (message: QueuedMessage) => Promise<void>): () => Promise<void> {
    const running = new Set<Promise<void>>()
    const consumer: Consumer = {
      prefetch,
      inFlight: 0,
      deliver: (message) => {
        const delivery = deliver(message)
        running.add(delivery)
        return delivery.finally(() => running.delete(delivery))
      }
    }
    this.consumers.push(consumer)
    this.schedulePump()
    return async () => {
      const index = this.consumers.indexOf(consumer)
      if (index !== -1) this.consumers.splice(index, 1)
      await Promise.allSettled([...running])
    }
  }

  private schedulePump (): void {
    if (this.pumpScheduled) return
    this.pumpScheduled = true
    setImmediate(() => {
      this.pumpScheduled = false
      this.pump()
    })
  }

  private pump (): void {
    while (this.messages.length > 0) {
      const consumer = this.nextFreeConsumer()
      if (consumer === undefined) return
      const message = this.messages.shift() as QueuedMessage
      consumer.inFlight++
      void consumer.deliver(message).finally(() => {
        consumer.inFlight--
        this.schedulePump()
      })
    }
  }

  private nextFreeConsumer (): Consumer | undefined {
    for (let i = 0; i < this.consumers.length; i++) {
      const consumer = this.consumers[(this.turn + i) % this.consumers.length] as Consumer
      if (consumer.inFlight < consumer.prefetch) {
        this.turn = (this.turn + i + 1) % this.consumers.length
        return consumer
      }
    }
    return undefined
  }
}
