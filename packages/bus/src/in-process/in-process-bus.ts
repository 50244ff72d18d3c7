import { randomUUID } from 'node:crypto'
import type { ContractRegistry, EventName, RequestName, RequestReply } from '@driver/contracts'
import { answerRequest, awaitReply, type UntypedRequestHandler } from '../answer-request.js'
import type { Bus, EventHandler, PublishOptions, RequestHandler, RequestOptions, SubscribeOptions } from '../bus.js'
import type { MatchingNames } from '../topic.js'
import { checkPattern, eventContract, requestContract } from '../contract-lookup.js'
import { dispatchEvent, type UntypedEventHandler } from '../dispatch-event.js'
import { hopFields, newEnvelope } from '../envelope.js'
import { BusClosedError, BusError } from '../errors.js'
import { resolveBusOptions, type BusOptions, type ResolvedBusOptions } from '../options.js'
import { describeSent, sending } from '../message-tracing.js'
import { encodePayload } from '../payload-codec.js'
import { PendingRequests } from '../pending-requests.js'
import { requestQueue, subscriptionQueue } from '../queue-names.js'
import type { InProcessBroker } from './broker.js'
import type { QueuedMessage } from './memory-queue.js'

/** One service's bus on the in-process broker; same contract as the RabbitMQ bus. */
export class InProcessBus<C extends ContractRegistry> implements Bus<C> {
  readonly service: string
  private readonly options: ResolvedBusOptions<C>
  private readonly pending = new PendingRequests()
  private readonly replyAddress = `reply.${randomUUID()}`
  private readonly cancels: Array<() => Promise<void>> = []
  private readonly queues = new Set<string>()
  private closed = false

  constructor (private readonly broker: InProcessBroker, options: BusOptions<C>) {
    this.options = resolveBusOptions(options)
    this.service = this.options.service
    broker.openReplyAddress(this.replyAddress, (reply) => { this.pending.settle(reply.inReplyTo, reply.body) })
  }

  async publish<N extends EventName<C>> (name: N, payload: unknown, options?: PublishOptions): Promise<void> {
    this.assertOpen()
    const body = encodePayload(eventContract(this.options.contracts, name).payload, name, payload)
    await sending('publish', name, 'in_process', this.service, async () => {
      const envelope = newEnvelope(this.service, name, body, options)
      describeSent(envelope)
      this.broker.routeEvent(envelope)
      this.options.metrics?.published.inc({ queue: name })
      this.options.logger.info(hopFields(envelope), 'bus: event published')
    })
  }

  async subscribe<P extends string> (
    pattern: P, handler: EventHandler<C, MatchingNames<EventName<C>, P>>, options: SubscribeOptions = {}
  ): Promise<void> {
    this.assertOpen()
    checkPattern(this.options.contracts, pattern)
    const queue = this.claimQueue(subscriptionQueue(this.service, options.subscription ?? pattern))
    const memoryQueue = this.broker.declareQueue(queue)
    memoryQueue.eventPatterns.add(pattern)
    const { contracts, retry, logger, metrics } = this.options
    const system = 'in_process'
    const target = {
      queue, contracts, retry, logger, metrics, handler: handler as UntypedEventHandler, system
    } as const
    this.cancels.push(memoryQueue.consume(this.options.prefetch, async (message) => {
      const outcome = await dispatchEvent(message, target)
      if (outcome.kind === 'retry') this.broker.scheduleRetry(queue, message, outcome.delay)
      if (outcome.kind === 'dead') this.broker.deadLetter(queue, message, outcome)
    }))
  }

  async request<N extends RequestName<C>> (
    name: N, payload: unknown, options: RequestOptions = {}
  ): Promise<RequestReply<C, N>> {
    this.assertOpen()
    const contract = requestContract(this.options.contracts, name)
    const body = encodePayload(contract.payload, name, payload)
    return await sending('send', name, 'in_process', this.service, async () => {
      const envelope = newEnvelope(this.service, name, body, options)
      describeSent(envelope)
      const timeout = options.timeout ?? this.options.requestTimeout
      const reply = this.pending.wait(envelope.messageId, name, timeout)
      const message: QueuedMessage = { ...envelope, replyTo: this.replyAddress, expiresAt: Date.now() + timeout }
      this.broker.routeRequest(message)
      const log = this.options.logger.child(hopFields(envelope))
      return await awaitReply(contract, reply, log, this.options.metrics) as RequestReply<C, N>
    })
  }

  async handle<N extends RequestName<C>> (name: N, handler: RequestHandler<C, N>): Promise<void> {
    this.assertOpen()
    requestContract(this.options.contracts, name)
    const queue = this.claimQueue(requestQueue(this.service, name))
    const memoryQueue = this.broker.declareQueue(queue)
    memoryQueue.requestNames.add(name)
    const { contracts, logger, metrics } = this.options
    const system = 'in_process'
    const target = { queue, contracts, logger, metrics, handler: handler as UntypedRequestHandler, system } as const
    this.cancels.push(memoryQueue.consume(this.options.prefetch, async (message) => {
      // A stale request would be answered to nobody; RabbitMQ drops it by its TTL.
      if (message.expiresAt !== undefined && message.expiresAt < Date.now()) return
      const answer = await answerRequest(message, target)
      if (message.replyTo !== undefined) {
        const { correlationId, requestId } = message
        const reply = newEnvelope(this.service, message.name ?? '', answer.body, { correlationId, requestId })
        this.broker.reply(message.replyTo, { ...reply, inReplyTo: message.messageId })
      }
      if (answer.deadLetter !== undefined) this.broker.deadLetter(queue, message, answer.deadLetter)
    }))
  }

  async ping (): Promise<void> {
    this.assertOpen()
  }

  async close (): Promise<void> {
    if (this.closed) return
    this.closed = true
    await Promise.all(this.cancels.splice(0).map((cancel) => cancel()))
    this.pending.failAll(() => new BusClosedError())
    this.broker.closeReplyAddress(this.replyAddress)
  }

  private assertOpen (): void {
    if (this.closed) throw new BusClosedError()
  }

  /** One consumer per queue per bus: a second handler on the same queue would silently take half the messages. */
  private claimQueue (queue: string): string {
    if (this.queues.has(queue)) {
      throw new BusError('BUS_DUPLICATE_CONSUMER', `${this.service} already consumes ${queue}`)
    }
    this.queues.add(queue)
    return queue
  }
}
