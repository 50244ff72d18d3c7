import type { ContractRegistry, Contracts } from '@driver/contracts'
import { positiveInteger, resolveBusOptions, type BusOptions, type ResolvedBusOptions } from '../options.js'

export interface RabbitBusOptions<C extends ContractRegistry = Contracts> extends BusOptions<C> {
  amqpUrl: string
  /** Topic exchange every event is published to. */
  exchange?: string
  /** Direct exchange requests are routed through, by request name. */
  requestExchange?: string
  /** Longest a `publish` waits for a connection and the broker's confirm before `BUS_UNAVAILABLE`. */
  publishTimeout?: number
  /** Longest `connectBus` (and `subscribe`/`handle`) waits for the broker. */
  connectTimeout?: number
  /** Backoff between reconnection attempts; jittered by ±20 %. */
  reconnect?: { initialDelay?: number, maxDelay?: number }
  /** Longest `close` waits for running handlers before disconnecting (their messages are then redelivered). */
  closeTimeout?: number
}

export interface ResolvedRabbitOptions<C extends ContractRegistry> extends ResolvedBusOptions<C> {
  amqpUrl: string
  exchange: string
  requestExchange: string
  publishTimeout: number
  connectTimeout: number
  reconnect: { initialDelay: number, maxDelay: number }
  closeTimeout: number
}

export function resolveRabbitOptions<C extends ContractRegistry> (
  options: RabbitBusOptions<C>
): ResolvedRabbitOptions<C> {
  if (!/^amqps?:\/\//.test(options.amqpUrl)) throw new TypeError('amqpUrl must start with amqp:// or amqps://')
  const initialDelay = positiveInteger('reconnect.initialDelay', options.reconnect?.initialDelay, 100)
  return {
    ...resolveBusOptions(options),
    amqpUrl: options.amqpUrl,
    exchange: options.exchange ?? 'driver.events',
    requestExchange: options.requestExchange ?? 'driver.requests',
    publishTimeout: positiveInteger('publishTimeout', options.publishTimeout, 10_000),
    connectTimeout: positiveInteger('connectTimeout', options.connectTimeout, 30_000),
    reconnect: {
      initialDelay,
      maxDelay: Math.max(initialDelay, positiveInteger('reconnect.maxDelay', options.reconnect?.maxDelay, 5_000))
    },
    closeTimeout: positiveInteger('closeTimeout', options.closeTimeout, 10_000)
  }
}

/** The broker address without its password, for log lines and errors. */
export function safeUrl (amqpUrl: string): string {
  try {
    const url = new URL(amqpUrl)
    if (url.password !== '') url.password = '***'
    return url.toString()
  } catch {
    return 'amqp://(unparseable url)'
  }
}
