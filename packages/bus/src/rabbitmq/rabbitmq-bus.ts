import type { ContractRegistry, EventName, RequestName, RequestReply } from '@driver/contracts'
import { awaitReply, type UntypedRequestHandler } from '../answer-request.js'
import type { Bus, EventHandler, PublishOptions, RequestHandler, RequestOptions, SubscribeOptions } from '../bus.js'
import type { MatchingNames } from '../topic.js'
import { checkPattern, eventContract, requestContract } from '../contract-lookup.js'
import type { UntypedEventHandler } from '../dispatch-event.js'
import { hopFields, newEnvelope, type OutboundEnvelope } from '../envelope.js'
import { BusClosedError, BusError, BusUnavailableError } from '../errors.js'
import { describeSent, sending } from '../message-tracing.js'
import { encodePayload } from '../payload-codec.js'
import { requestQueue, subscriptionQueue } from '../queue-names.js'
import { AmqpConnection, type Session } from './connection.js'
import { startConsumer, type ConsumerSpec, type RunningConsumer } from './consumer-channel.js'
import { eventMessageHandler } from './event-consumer.js'
import { publishConfirmed } from './publish-confirmed.js'
import { resolveRabbitOptions, type RabbitBusOptions, type ResolvedRabbitOptions } from './rabbitmq-options.js'
import { requestMessageHandler } from './request-consumer.js'
import { RpcClient } from './rpc-client.js'
import { declareExchanges, declareRequestQueues, declareSubscriptionQueues } from './topology.js'
import { publishOptions } from './wire.js'

/** The RabbitMQ bus of one service. Build it with `connectBus`. */
export class RabbitBus<C extends ContractRegistry> implements Bus<C> {
  readonly service: string
  private readonly options: ResolvedRabbitOptions<C>
  private readonly connection: AmqpConnection
  private readonly rpc: RpcClient
  /** What to consume, by queue; replayed on every new session. */
  private readonly consumers = new Map<string, ConsumerSpec>()
  private readonly running = new WeakMap<Session, Map<string, Promise<RunningConsumer>>>()
  private readonly inFlight = new Set<Promise<void>>()
  private closing = false
  private closed = false

  constructor (options: RabbitBusOptions<C>) {
    this.options = resolveRabbitOptions(options)
    this.service = this.options.service
    this.connection = new AmqpConnection({
      ...this.options,
      setup: (session) => this.setup(session),
      lost: (session) => this.rpc.lost(session)
    })
    this.rpc = new RpcClient(this.connection, this.options.requestExchange, this.options.logger)
  }

  /** Connects (within `connectTimeout`) and declares the exchanges. */
  async open (): Promise<void> {
    await this.connection.open()
  }

  async publish<N extends EventName<C>> (name: N, payload: unknown, options?: PublishOptions): Promise<void> {
    if (this.closed) throw new BusClosedError()
    const body = encodePayload(eventContract(this.options.contracts, name).payload, name, payload)
    await sending('publish', name, 'rabbitmq', this.service, async () => {
      const envelope = newEnvelope(this.service, name, body, options)
      describeSent(envelope)
      const content = Buffer.from(body)
      const amqpOptions = publishOptions(envelope, { persistent: true })
      const { exchange } = this.options
      await this.untilConfirmed(envelope, (session) =>
        publishConfirmed(session.publisher, exchange, name, content, amqpOptions))
      this.options.metrics?.published.inc({ queue: name })
      this.options.logger.info(hopFields(envelope), 'bus: event published')
    })
  }

  async subscribe<P extends string> (
    pattern: P, handler: EventHandler<C, MatchingNames<EventName<C>, P>>, options: SubscribeOptions = {}
  ): Promise<void> {
    checkPattern(this.options.contracts, pattern)
    const queue = subscriptionQueue(this.service, options.subscription ?? pattern)
    const { contracts, retry, logger, exchange, prefetch, metrics } = this.options
    await this.consume({
      queue,
      prefetch,
      declare: (channel) => declareSubscriptionQueues(channel, queue, { exchange, key: pattern }),
      onMessage: eventMessageHandler({
        queue, contracts, retry, logger, metrics, handler: handler as UntypedEventHandler, system: 'rabbitmq'
      })
    })
  }

  async request<N extends RequestName<C>> (
    name: N, payload: unknown, options: RequestOptions = {}
  ): Promise<RequestReply<C, N>> {
    if (this.closing) throw new BusClosedError()
    const contract = requestContract(this.options.contracts, name)
    const body = encodePayload(contract.payload, name, payload)
    return await sending('send', name, 'rabbitmq', this.service, async () => {
      const envelope = newEnvelope(this.service, name, body, options)
      describeSent(envelope)
      const log = this.options.logger.child(hopFields(envelope))
      const reply = this.rpc.request(envelope, options.timeout ?? this.options.requestTimeout)
      return await awaitReply(contract, reply, log, this.options.metrics) as RequestReply<C, N>
    })
  }

  async handle<N extends RequestName<C>> (name: N, handler: RequestHandler<C, N>): Promise<void> {
    requestContract(this.options.contracts, name)
    const queue = requestQueue(this.service, name)
    const { contracts, logger, requestExchange, prefetch, metrics } = this.options
    await this.consume({
      queue,
      prefetch,
      declare: (channel) => declareRequestQueues(channel, queue, { exchange: requestExchange, key: name }),
      onMessage: requestMessageHandler(
        { queue, contracts, logger, metrics, handler: handler as UntypedRequestHandler, system: 'rabbitmq' },
        this.service
      )
    })
  }

  async ping (): Promise<void> {
    if (this.closing) throw new BusClosedError()
    const session = this.connection.current
    if (session === undefined) throw new BusUnavailableError('not connected')
    try {
      const channel = await session.model.createChannel()
      await channel.close()
    } catch (error) {
      throw new BusUnavailableError('the broker did not answer', { cause: error })
    }
  }

  async close (): Promise<void> {
    if (this.closing) return
    this.closing = true
    const session = this.connection.current
    const running = session === undefined ? [] : [...(this.running.get(session)?.values() ?? [])]
    await Promise.allSettled(running.map(async (consumer) => {
      const { channel, consumerTag } = await consumer
      await channel.cancel(consumerTag)
    }))
    // Handlers may still publish while they finish; unfinished ones are redelivered after the disconnect.
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise((resolve) => { timer = setTimeout(resolve, this.options.closeTimeout) })
    ])
    clearTimeout(timer)
    this.closed = true
    this.rpc.pending.failAll(() => new BusClosedError())
    await this.connection.close()
  }

  private async setup (session: Session): Promise<void> {
    await declareExchanges(session.publisher, this.options)
    await this.rpc.setup(session)
    // Iterating the live map also starts consumers added while this runs.
    for (const spec of this.consumers.values()) {
      if (this.closing) return
      await this.startOn(session, spec)
    }
  }

  private startOn (session: Session, spec: ConsumerSpec): Promise<RunningConsumer> {
    let started = this.running.get(session)
    if (started === undefined) {
      started = new Map()
      this.running.set(session, started)
    }
    let consumer = started.get(spec.queue)
    if (consumer === undefined) {
      consumer = startConsumer(this.connection, session, spec, (work) => this.track(work), this.options.logger)
      started.set(spec.queue, consumer)
    }
    return consumer
  }

  private async consume (spec: ConsumerSpec): Promise<void> {
    if (this.closing) throw new BusClosedError()
    if (this.consumers.has(spec.queue)) {
      throw new BusError('BUS_DUPLICATE_CONSUMER', `${this.service} already consumes ${spec.queue}`)
    }
    this.consumers.set(spec.queue, spec)
    try {
      const session = await this.connection.session(Date.now() + this.options.connectTimeout, `consuming ${spec.queue}`)
      await this.startOn(session, spec)
    } catch (error) {
      this.consumers.delete(spec.queue)
      throw error
    }
  }

  private track (work: Promise<void>): void {
    this.inFlight.add(work)
    void work.finally(() => this.inFlight.delete(work))
  }

  /**
   * Publishes until confirmed, across reconnects, within `publishTimeout`;
   * the message id stays the same, so consumers drop a copy.
   */
  private async untilConfirmed (envelope: OutboundEnvelope, send: (session: Session) => Promise<void>): Promise<void> {
    const timeout = this.options.publishTimeout
    const deadline = Date.now() + timeout
    for (;;) {
      const session = await this.connection.session(deadline, `publish of ${envelope.name}`)
      let timer: NodeJS.Timeout | undefined
      const expired = new Promise<never>((_resolve, reject) => {
        const unconfirmed = `${envelope.name} (message ${envelope.messageId}) was not confirmed within ${timeout} ms`
        timer = setTimeout(() => reject(new BusUnavailableError(unconfirmed)), Math.max(0, deadline - Date.now()))
      })
      try {
        await Promise.race([send(session), expired])
        return
      } catch (error) {
        if (error instanceof BusError) throw error
        if (this.closed) throw new BusClosedError()
        const reason = (error as Error).message
        this.options.logger.warn({ ...hopFields(envelope), reason }, 'bus: publish not confirmed, sending again')
        await this.connection.pauseAfterFailure(session)
      } finally {
        clearTimeout(timer)
      }
    }
  }
}
