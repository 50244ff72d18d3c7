import {
  context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Span, type Tracer
} from '@opentelemetry/api'
import type { Envelope } from './envelope.js'

/** `messaging.system` of the spans: RabbitMQ, or the all-in-one process's own broker. */
export type MessagingSystem = 'rabbitmq' | 'in_process'

/** The W3C trace context (`traceparent`, `tracestate`) as message headers carry it. */
export type TraceCarrier = Record<string, string>

/**
 * Asked for at each use: the global provider is set when the process starts tracing (kit's
 * `startTracing`), and without one the API hands out its no-op tracer, so the spans below
 * cost next to nothing.
 */
function tracer (): Tracer {
  return trace.getTracer('@driver/bus')
}

/** The active trace as headers; undefined when there is none (tracing off, or no trace here). */
export function injectTrace (): TraceCarrier | undefined {
  const carrier: TraceCarrier = {}
  propagation.inject(context.active(), carrier)
  return Object.keys(carrier).length > 0 ? carrier : undefined
}

/** The trace headers among a received message's headers. */
export function traceHeaders (headers: Record<string, unknown>): TraceCarrier | undefined {
  let carrier: TraceCarrier | undefined
  for (const field of propagation.fields()) {
    const value = headers[field]
    if (typeof value === 'string') (carrier ??= {})[field] = value
    else if (Buffer.isBuffer(value)) (carrier ??= {})[field] = value.toString('utf8')
  }
  return carrier
}

function endWith<T> (span: Span, run: () => Promise<T>): Promise<T> {
  return run().then((value) => {
    span.end()
    return value
  }, (error: unknown) => {
    span.recordException(error instanceof Error ? error : String(error))
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) })
    span.end()
    throw error
  })
}

/**
 * A producer span around sending a message (for a request, until its reply arrives); the
 * envelope built within it carries its trace context (`newEnvelope`).
 */
export function sending<T> (
  operation: 'publish' | 'send', name: string, system: MessagingSystem, service: string, run: () => Promise<T>
): Promise<T> {
  const attributes: Attributes = {
    'messaging.system': system,
    'messaging.operation.type': 'send',
    'messaging.operation.name': operation,
    'messaging.destination.name': name,
    'app.service': service
  }
  return tracer().startActiveSpan(`${operation} ${name}`, { kind: SpanKind.PRODUCER, attributes }, (span) =>
    endWith(span, run))
}

/** A consumer span, child of the sender's, around handling a message taken from `queue`. */
export function processing<T> (
  envelope: Envelope, queue: string, system: MessagingSystem, run: () => Promise<T>
): Promise<T> {
  const parent = envelope.trace === undefined ? ROOT_CONTEXT : propagation.extract(ROOT_CONTEXT, envelope.trace)
  const attributes: Attributes = {
    'messaging.system': system,
    'messaging.operation.type': 'process',
    'messaging.operation.name': 'process',
    'messaging.destination.name': envelope.name ?? '',
    'messaging.consumer.group.name': queue,
    'messaging.message.id': envelope.messageId ?? '',
    'messaging.message.conversation_id': envelope.correlationId ?? ''
  }
  if (envelope.attempt > 1) attributes['app.messaging.attempt'] = envelope.attempt
  const span = tracer().startSpan(`process ${envelope.name ?? ''}`, { kind: SpanKind.CONSUMER, attributes }, parent)
  return context.with(trace.setSpan(parent, span), () => endWith(span, run))
}

/** Marks the message in hand as failed (retried, dead-lettered, or answered with an error). */
export function markFailed (code: string): void {
  trace.getActiveSpan()?.setStatus({ code: SpanStatusCode.ERROR, message: code })
}

/** The message ids on the producer span, once the envelope is built. */
export function describeSent (envelope: Pick<Envelope, 'messageId' | 'correlationId'>): void {
  const span = trace.getActiveSpan()
  if (span === undefined || !span.isRecording()) return
  span.setAttributes({
    'messaging.message.id': envelope.messageId ?? '',
    'messaging.message.conversation_id': envelope.correlationId ?? ''
  })
}
