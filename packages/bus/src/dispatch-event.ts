import type { ContractRegistry } from '@driver/contracts'
import type { MessageContext } from './bus.js'
import type { BusMetrics } from './bus-metrics.js'
import { eventContract } from './contract-lookup.js'
import { hopFields, messageContext, type Envelope } from './envelope.js'
import { BusError, errorCode } from './errors.js'
import type { Logger } from '@driver/contracts'
import { markFailed, processing, type MessagingSystem } from './message-tracing.js'
import { decodePayload } from './payload-codec.js'
import { nextRetryDelay, type RetryPolicy } from './retry-policy.js'

/** What the adapter must do with the message after the handler ran. */
export type EventOutcome =
  | { kind: 'handled' }
  | { kind: 'retry', delay: number }
  | { kind: 'dead', code: string, reason: string }

/** A handler as adapters hold it; the `Bus` interface is what types it for callers. */
export type UntypedEventHandler = (payload: unknown, context: MessageContext) => Promise<void> | void

export interface EventTarget {
  queue: string
  contracts: ContractRegistry
  retry: RetryPolicy
  logger: Logger
  handler: UntypedEventHandler
  metrics?: BusMetrics | undefined
  system: MessagingSystem
}

/**
 * The consuming half shared by both adapters: a message is checked completely before the
 * handler sees it, so it is either handled, retried, or dead-lettered — never half-processed.
 */
export async function dispatchEvent (envelope: Envelope, target: EventTarget): Promise<EventOutcome> {
  const outcome = await processing(envelope, target.queue, target.system, () => handleEvent(envelope, target))
  const counter = target.metrics?.[COUNTED[outcome.kind]]
  counter?.inc({ queue: target.queue })
  return outcome
}

const COUNTED = { handled: 'consumed', retry: 'retried', dead: 'deadLettered' } as const

async function handleEvent (envelope: Envelope, target: EventTarget): Promise<EventOutcome> {
  const log = target.logger.child(hopFields(envelope, target.queue))
  const refused = (error: BusError): EventOutcome => {
    log.error({ code: error.code, reason: error.message }, 'bus: message refused, dead-lettered')
    markFailed(error.code)
    return { kind: 'dead', code: error.code, reason: error.message }
  }
  if (envelope.messageId === undefined) return refused(new BusError('BUS_INVALID_MESSAGE', 'message has no message id'))
  let schema
  try {
    schema = eventContract(target.contracts, envelope.name).payload
  } catch (error) {
    return refused(error as BusError)
  }
  const decoded = decodePayload(schema, envelope.name ?? '', envelope.body)
  if (!decoded.ok) return refused(decoded.error)

  const context = messageContext(envelope, envelope.messageId, envelope.name ?? '', target.queue, log)
  const started = performance.now()
  log.debug('bus: event received')
  try {
    await target.handler(decoded.value, context)
  } catch (error) {
    const delay = nextRetryDelay(target.retry, envelope.attempt)
    markFailed(errorCode(error))
    if (delay === undefined) {
      log.error({ err: error }, 'bus: handler failed on its last attempt, dead-lettered')
      const reason = `${errorCode(error)}: ${error instanceof Error ? error.message : String(error)}`
      return { kind: 'dead', code: 'BUS_HANDLER_FAILED', reason }
    }
    log.warn({ err: error, retryIn: delay }, 'bus: handler failed, will retry')
    return { kind: 'retry', delay }
  }
  log.info({ durationMs: Math.round(performance.now() - started) }, 'bus: event handled')
  return { kind: 'handled' }
}
