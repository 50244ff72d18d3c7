import type { Message, Options } from 'amqplib'
import type { Envelope } from '../envelope.js'
import { traceHeaders } from '../message-tracing.js'

/** Header names on the wire; standard AMQP properties carry the rest. */
export const HEADERS = {
  requestId: 'x-request-id',
  attempt: 'x-attempt',
  inReplyTo: 'x-in-reply-to',
  errorCode: 'x-error-code',
  errorReason: 'x-error-reason',
  deadLetteredFrom: 'x-dead-lettered-from',
  deadLetteredAt: 'x-dead-lettered-at'
} as const

export function publishOptions (envelope: Envelope, extra: Options.Publish = {}): Options.Publish {
  const headers: Record<string, unknown> = { [HEADERS.attempt]: envelope.attempt, ...extra.headers }
  if (envelope.requestId !== undefined) headers[HEADERS.requestId] = envelope.requestId
  if (envelope.inReplyTo !== undefined) headers[HEADERS.inReplyTo] = envelope.inReplyTo
  // `traceparent` and `tracestate` beside the request id, as the W3C names them.
  if (envelope.trace !== undefined) Object.assign(headers, envelope.trace)
  return {
    contentType: 'application/json',
    type: envelope.name,
    messageId: envelope.messageId,
    correlationId: envelope.correlationId,
    appId: envelope.source,
    timestamp: Math.floor(Date.now() / 1000),
    ...extra,
    headers
  }
}

function text (value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** Reads what a message says about itself; anything missing stays undefined and is judged by the dispatcher. */
export function readEnvelope (message: Message): Envelope {
  const { properties } = message
  const headers: Record<string, unknown> = properties.headers ?? {}
  const attempt = Number(headers[HEADERS.attempt])
  return {
    name: text(properties.type),
    body: message.content.toString('utf8'),
    messageId: text(properties.messageId),
    correlationId: text(properties.correlationId),
    requestId: text(headers[HEADERS.requestId]),
    source: text(properties.appId),
    attempt: Number.isInteger(attempt) && attempt > 0 ? attempt : 1,
    redelivered: message.fields.redelivered,
    inReplyTo: text(headers[HEADERS.inReplyTo]),
    trace: traceHeaders(headers)
  }
}

/** Same message, same ids, next attempt: `x-death` and friends are dropped since the attempt header counts instead. */
export function republishOptions (
  message: Message, headers: Record<string, unknown>, extra: Options.Publish = {}
): Options.Publish {
  const kept: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(message.properties.headers ?? {})) {
    const death = key.startsWith('x-death') || key.startsWith('x-first-death') || key.startsWith('x-last-death')
    if (!death) kept[key] = value
  }
  const { properties } = message
  return {
    contentType: text(properties.contentType),
    type: text(properties.type),
    messageId: text(properties.messageId),
    correlationId: text(properties.correlationId),
    appId: text(properties.appId),
    timestamp: typeof properties.timestamp === 'number' ? properties.timestamp : undefined,
    persistent: true,
    ...extra,
    headers: { ...kept, ...headers }
  }
}

/** The original message plus why it failed, for whoever inspects the DLQ. */
export function deadLetterOptions (
  message: Message, queue: string, failure: { code: string, reason: string }
): Options.Publish {
  return republishOptions(message, {
    [HEADERS.errorCode]: failure.code,
    [HEADERS.errorReason]: failure.reason.slice(0, 1_000),
    [HEADERS.deadLetteredFrom]: queue,
    [HEADERS.deadLetteredAt]: new Date().toISOString()
  })
}
