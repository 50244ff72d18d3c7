import type { ContractRegistry, Contracts } from '@driver/contracts'
import pino from 'pino'
import type { Bus } from '../bus.js'
import type { Envelope } from '../envelope.js'
import type { Logger } from '@driver/contracts'
import type { BusOptions } from '../options.js'
import { deadLetterQueue } from '../queue-names.js'
import { topicMatches } from '../topic.js'
import { InProcessBus } from './in-process-bus.js'
import { MemoryQueue, type QueuedMessage } from './memory-queue.js'

/** A dead-lettered message as ops (or a test) sees it. */
export interface DeadLetter extends Envelope {
  queue: string
  code: string
  reason: string
  deadLetteredAt: Date
}

export interface InProcessBrokerOptions {
  /** Used by buses connected without a logger of their own. */
  logger?: Logger
}

export type InProcessConnectOptions<C extends ContractRegistry> = Partial<Omit<BusOptions<C>, 'service'>>

/**
 * The broker of the all-in-one mode: one per process, shared by every service's bus.
 * It keeps RabbitMQ's semantics (a queue per service and subscription, topic routing,
 * retries, dead letters, request timeouts) in memory; nothing survives a restart.
 */
export class InProcessBroker {
  private readonly queues = new Map<string, MemoryQueue>()
  private readonly deadLettered = new Map<string, DeadLetter[]>()
  private readonly replyAddresses = new Map<string, (reply: Envelope) => void>()
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly logger: Logger

  constructor (options: InProcessBrokerOptions = {}) {
    this.logger = options.logger ?? pino({ level: 'silent' })
  }

  /** The bus of one service; call once per service (or per instance of it). */
  connect<C extends ContractRegistry = Contracts> (service: string, options: InProcessConnectOptions<C> = {}): Bus<C> {
    return new InProcessBus<C>(this, { logger: this.logger, ...options, service })
  }

  /** Messages dead-lettered to `<queue>.dlq`, oldest first. */
  deadLetters (deadLetterQueueName: string): readonly DeadLetter[] {
    return this.deadLettered.get(deadLetterQueueName) ?? []
  }

  queueNames (): string[] {
    return [...this.queues.keys()]
  }

  /** Puts a message straight on a queue, bypassing the publisher's checks, as a foreign publisher could. */
  enqueue (queue: string, message: Envelope): void {
    this.declareQueue(queue).enqueue({ ...message })
  }

  /** Cancels pending retries; the buses should be closed first. */
  close (): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  declareQueue (name: string): MemoryQueue {
    let queue = this.queues.get(name)
    if (queue === undefined) {
      queue = new MemoryQueue(name)
      this.queues.set(name, queue)
    }
    return queue
  }

  /** Like a topic exchange: every queue with a matching pattern gets its own copy. */
  routeEvent (message: QueuedMessage): void {
    for (const queue of this.queues.values()) {
      const key = message.name ?? ''
      if ([...queue.eventPatterns].some((pattern) => topicMatches(pattern, key))) queue.enqueue({ ...message })
    }
  }

  /** Like a direct exchange; a request nobody handles is dropped and its requester times out. */
  routeRequest (message: QueuedMessage): void {
    for (const queue of this.queues.values()) {
      if (queue.requestNames.has(message.name ?? '')) queue.enqueue({ ...message })
    }
  }

  scheduleRetry (queue: string, message: QueuedMessage, delay: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      this.declareQueue(queue).enqueue({ ...message, attempt: message.attempt + 1, redelivered: false })
    }, delay)
    this.timers.add(timer)
  }

  deadLetter (queue: string, message: QueuedMessage, failure: { code: string, reason: string }): void {
    const name = deadLetterQueue(queue)
    const list = this.deadLettered.get(name) ?? []
    list.push({ ...message, queue, ...failure, deadLetteredAt: new Date() })
    this.deadLettered.set(name, list)
  }

  openReplyAddress (address: string, onReply: (reply: Envelope) => void): void {
    this.replyAddresses.set(address, onReply)
  }

  closeReplyAddress (address: string): void {
    this.replyAddresses.delete(address)
  }

  /** Like direct reply-to: delivered only while the requester's address is open, dropped otherwise. */
  reply (address: string, reply: Envelope): void {
    const onReply = this.replyAddresses.get(address)
    if (onReply !== undefined) setImmediate(onReply, reply)
  }
}
