import { randomUUID } from 'node:crypto'
import type { MessageContext, PublishOptions } from './bus.js'
import type { Logger } from '@driver/contracts'
import { injectTrace, type TraceCarrier } from './message-tracing.js'

/**
 * A message as both adapters carry it: the JSON body plus the ids every hop logs.
 * Fields a foreign or hand-made message may lack are optional, and checked on receipt.
 */
export interface Envelope {
  name: string | undefined
  body: string
  messageId: string | undefined
  correlationId: string | undefined
  requestId: string | undefined
  source: string | undefined
  attempt: number
  redelivered: boolean
  /** On a reply: the request's message id. */
  inReplyTo?: string | undefined
  /** The W3C trace context of the span that sent it, when the sender traces. */
  trace?: TraceCarrier | undefined
}

export interface OutboundEnvelope extends Envelope {
  name: string
  messageId: string
  correlationId: string
}

export function newEnvelope (
  source: string, name: string, body: string, options: PublishOptions = {}
): OutboundEnvelope {
  const messageId = options.messageId ?? randomUUID()
  return {
    name,
    body,
    messageId,
    correlationId: options.correlationId ?? messageId,
    requestId: options.requestId,
    source,
    attempt: 1,
    redelivered: false,
    trace: injectTrace()
  }
}

/**
 * The ids a log line of any hop carries. `reqId` is the key Fastify uses for the HTTP
 * request id, so one search finds the HTTP lines and the bus lines of a request together.
 */
export function hopFields (envelope: Envelope, queue?: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    messageName: envelope.name,
    messageId: envelope.messageId,
    correlationId: envelope.correlationId
  }
  if (envelope.requestId !== undefined) fields.reqId = envelope.requestId
  if (queue !== undefined) fields.queue = queue
  if (envelope.attempt > 1) fields.attempt = envelope.attempt
  return fields
}

/** What a handler is told about the message in hand, the same in both adapters. */
export function messageContext (
  envelope: Envelope, messageId: string, name: string, queue: string, log: Logger
): MessageContext {
  return {
    name,
    messageId,
    correlationId: envelope.correlationId ?? messageId,
    requestId: envelope.requestId,
    source: envelope.source,
    queue,
    attempt: envelope.attempt,
    redelivered: envelope.redelivered,
    log
  }
}
