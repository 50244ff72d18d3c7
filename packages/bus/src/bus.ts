import type {
  ContractRegistry, Contracts, EventName, EventPayload, RequestName, RequestPayload, RequestReply
} from '@driver/contracts'
import type { Logger } from '@driver/contracts'
import type { MatchingNames } from './topic.js'

/** What a handler knows about the message in hand besides its payload. */
export interface MessageContext<Name extends string = string> {
  readonly name: Name
  readonly messageId: string
  /** Shared by every message caused by the same first one; defaults to that message's id. */
  readonly correlationId: string
  /** The HTTP request id that started the chain, when there was one. */
  readonly requestId: string | undefined
  /** The service that published it. */
  readonly source: string | undefined
  /** The queue it was taken from; also scopes idempotency markers. */
  readonly queue: string
  /** 1 on the first delivery, 2 on the first retry, and so on. */
  readonly attempt: number
  /** The broker delivered it before without an acknowledgement, e.g. across a reconnect. */
  readonly redelivered: boolean
  /** A logger bound to the ids above. */
  readonly log: Logger
}

export interface PublishOptions {
  /** The HTTP request id, carried to every handler and log line downstream. */
  requestId?: string
  /** Pass the handler's `context.correlationId` when publishing because of another message. */
  correlationId?: string
  /** Reuse an id when re-sending the same fact, so consumers drop the copy. */
  messageId?: string
}

export interface RequestOptions extends PublishOptions {
  /** Milliseconds to wait for the reply; the bus's `requestTimeout` by default. */
  timeout?: number
}

export interface SubscribeOptions {
  /** Names the queue `<service>.<subscription>`; the pattern by default. */
  subscription?: string
}

export type EventHandler<C extends ContractRegistry, N extends EventName<C>> =
  (payload: EventPayload<C, N>, context: MessageContext<N>) => Promise<void> | void

export type RequestHandler<C extends ContractRegistry, N extends RequestName<C>> =
  (payload: RequestPayload<C, N>, context: MessageContext<N>) => Promise<RequestReply<C, N>> | RequestReply<C, N>

/**
 * The messaging port. Events are fire-and-forget facts delivered at least once to every
 * subscribing service; requests are answered by exactly one handling service.
 */
export interface Bus<C extends ContractRegistry = Contracts> {
  readonly service: string
  /**
   * Resolves once the broker has the message (publisher confirm);
   * throws `BUS_INVALID_MESSAGE` first if it breaks its schema.
   */
  publish<N extends EventName<C>> (name: N, payload: EventPayload<C, N>, options?: PublishOptions): Promise<void>
  /** Resolves once the queue is bound and consuming. `*` matches one word, `#` any number. */
  subscribe<P extends string> (
    pattern: P,
    handler: EventHandler<C, MatchingNames<EventName<C>, P>>,
    options?: SubscribeOptions
  ): Promise<void>
  /** Rejects with `BUS_REQUEST_TIMEOUT` when no reply arrives in time. */
  request<N extends RequestName<C>> (
    name: N, payload: RequestPayload<C, N>, options?: RequestOptions
  ): Promise<RequestReply<C, N>>
  handle<N extends RequestName<C>> (name: N, handler: RequestHandler<C, N>): Promise<void>
  /** Readiness: resolves when the broker answers, throws `BUS_UNAVAILABLE` or `BUS_CLOSED` otherwise. */
  ping (): Promise<void>
  /** Stops consuming, lets running handlers finish, fails pending requests, disconnects. */
  close (): Promise<void>
}
