import type { ContractRegistry, RequestContract } from '@driver/contracts'
import type { MessageContext } from './bus.js'
import type { BusMetrics } from './bus-metrics.js'
import { requestContract } from './contract-lookup.js'
import { hopFields, messageContext, type Envelope } from './envelope.js'
import { BusError, BusInvalidMessageError, BusRemoteError, errorCode } from './errors.js'
import type { Logger } from '@driver/contracts'
import { markFailed, processing, type MessagingSystem } from './message-tracing.js'
import { cleanPayload, decodePayload, verifyPayload } from './payload-codec.js'

/** A reply on the wire: the handler's answer, or the code of what went wrong. */
type ReplyBody = { ok: true, reply: unknown } | { ok: false, error: { code: string, message: string } }

export type UntypedRequestHandler = (payload: unknown, context: MessageContext) => unknown

export interface RequestTarget {
  queue: string
  contracts: ContractRegistry
  logger: Logger
  handler: UntypedRequestHandler
  metrics?: BusMetrics | undefined
  system: MessagingSystem
}

export interface Answer {
  body: string
  /** Set when the request itself was malformed and belongs in the dead-letter queue. */
  deadLetter?: { code: string, reason: string }
}

function failure (error: BusError | { code: string, message: string }): string {
  const body: ReplyBody = { ok: false, error: { code: error.code, message: error.message } }
  return JSON.stringify(body)
}

/**
 * The answering half shared by both adapters. Requests are not retried: the requester is
 * waiting, so a failing handler answers with its error code at once.
 */
export async function answerRequest (envelope: Envelope, target: RequestTarget): Promise<Answer> {
  const answer = await processing(envelope, target.queue, target.system, () => answerOnce(envelope, target))
  const counter = answer.deadLetter === undefined ? target.metrics?.consumed : target.metrics?.deadLettered
  counter?.inc({ queue: target.queue })
  return answer
}

async function answerOnce (envelope: Envelope, target: RequestTarget): Promise<Answer> {
  const log = target.logger.child(hopFields(envelope, target.queue))
  const refuse = (error: BusError): Answer => {
    log.error({ code: error.code, reason: error.message }, 'bus: request refused, dead-lettered')
    markFailed(error.code)
    return { body: failure(error), deadLetter: { code: error.code, reason: error.message } }
  }
  if (envelope.messageId === undefined) return refuse(new BusError('BUS_INVALID_MESSAGE', 'message has no message id'))
  let contract: RequestContract
  try {
    contract = requestContract(target.contracts, envelope.name)
  } catch (error) {
    return refuse(error as BusError)
  }
  const decoded = decodePayload(contract.payload, contract.name, envelope.body)
  if (!decoded.ok) return refuse(decoded.error)

  const context = messageContext(envelope, envelope.messageId, contract.name, target.queue, log)
  const started = performance.now()
  try {
    const reply = await target.handler(decoded.value, context)
    const body: ReplyBody = { ok: true, reply: cleanPayload(contract.reply, contract.name, reply) }
    log.info({ durationMs: Math.round(performance.now() - started) }, 'bus: request answered')
    return { body: JSON.stringify(body) }
  } catch (error) {
    const code = error instanceof BusInvalidMessageError ? 'BUS_INVALID_REPLY' : errorCode(error)
    const message = error instanceof Error ? error.message : String(error)
    log.error({ err: error }, 'bus: request handler failed')
    markFailed(code)
    return { body: failure({ code, message }) }
  }
}

/** Turns a reply body back into the handler's answer, or throws what the replier reported. */
export function readReply (contract: RequestContract, body: string): unknown {
  let parsed: ReplyBody
  try {
    parsed = JSON.parse(body) as ReplyBody
  } catch {
    throw new BusInvalidMessageError(contract.name, ['reply is not JSON'])
  }
  if (parsed.ok !== true) {
    const error = parsed.error ?? { code: 'UNKNOWN', message: 'malformed reply' }
    throw new BusRemoteError(contract.name, String(error.code), String(error.message))
  }
  const decoded = verifyPayload(contract.reply, contract.name, parsed.reply)
  if (!decoded.ok) throw decoded.error
  return decoded.value
}

/** The asking half shared by both adapters: waits for the reply, checks it, logs the hop and times it. */
export async function awaitReply (
  contract: RequestContract, reply: Promise<string>, log: Logger, metrics: BusMetrics | undefined
): Promise<unknown> {
  // The answering side logs the hop at info (`bus: request answered`); the asking side's request has its own line.
  log.debug('bus: request sent')
  const started = performance.now()
  try {
    const answer = readReply(contract, await reply)
    log.debug('bus: reply received')
    return answer
  } catch (error) {
    log.warn({ code: error instanceof BusError ? error.code : undefined }, 'bus: request failed')
    throw error
  } finally {
    metrics?.requestDuration.observe({ topic: contract.name }, (performance.now() - started) / 1000)
  }
}
