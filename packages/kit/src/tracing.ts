import { context, isSpanContextValid, propagation, trace } from '@opentelemetry/api'
import { FastifyOtelInstrumentation } from '@fastify/otel'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici'
import { resourceFromAttributes } from '@opentelemetry/resources'
import {
  AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, SimpleSpanProcessor,
  TraceIdRatioBasedSampler, type Sampler, type SpanExporter
} from '@opentelemetry/sdk-trace-base'
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node'
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions'
import type { CommonConfig } from './config.js'

export type TracingConfig = Pick<
  CommonConfig, 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_TRACES_SAMPLER' | 'OTEL_TRACES_SAMPLER_ARG'
>

export interface TracingOptions {
  /** The process's `service.name`: a service's name, `gateway`, or `platform` for the all-in-one process. */
  service: string
  config: TracingConfig
  /** Where spans go instead of OTLP, each as it ends (tests pass an `InMemorySpanExporter`). */
  exporter?: SpanExporter
}

export interface Tracing {
  /** Sends the spans still held, then stops tracing this process. */
  shutdown: () => Promise<void>
}

/** The sampler names and argument of the OpenTelemetry specification (`OTEL_TRACES_SAMPLER[_ARG]`). */
const SAMPLERS: Record<TracingConfig['OTEL_TRACES_SAMPLER'], (ratio: number) => Sampler> = {
  always_on: () => new AlwaysOnSampler(),
  always_off: () => new AlwaysOffSampler(),
  traceidratio: (ratio) => new TraceIdRatioBasedSampler(ratio),
  parentbased_always_on: () => new ParentBasedSampler({ root: new AlwaysOnSampler() }),
  parentbased_always_off: () => new ParentBasedSampler({ root: new AlwaysOffSampler() }),
  parentbased_traceidratio: (ratio) => new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) })
}

/** Probes answer every few seconds; a trace of each would bury the requests. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz'])

let fastifyInstrumentation: FastifyOtelInstrumentation | undefined

/**
 * Starts OpenTelemetry tracing for this process, before its apps are built: Fastify's
 * requests (@fastify/otel, added by `createApp`), undici's outgoing requests (the gateway's
 * proxying, WeChat, MeFP, SMS providers) and, through the global API, the bus's messages.
 * Without OTEL_EXPORTER_OTLP_ENDPOINT (and no exporter given) nothing is started at all: no
 * SDK, no instrumentation, and the API's calls in the bus stay no-ops.
 */
export function startTracing ({ service, config, exporter }: TracingOptions): Tracing | undefined {
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT
  if (exporter === undefined && endpoint === undefined) return undefined
  if (fastifyInstrumentation !== undefined) throw new Error('tracing is already started in this process')
  const processor = exporter === undefined
    ? new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(endpoint ?? '') }))
    : new SimpleSpanProcessor(exporter)
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: service }),
    sampler: SAMPLERS[config.OTEL_TRACES_SAMPLER](config.OTEL_TRACES_SAMPLER_ARG ?? 1),
    spanProcessors: [processor]
  })
  // The global context manager (AsyncLocalStorage) and the W3C traceparent/tracestate propagator.
  provider.register()
  const fastify = new FastifyOtelInstrumentation({
    // A span per request and per route handler; one per hook would multiply them for little.
    instrumentHooks: false,
    ignorePaths: (route) => UNTRACED_PATHS.has(route.url ?? '')
  })
  // Only within a traced request or message: readiness checks of the upstreams start no trace of their own.
  const undici = new UndiciInstrumentation({ requireParentforSpans: true })
  fastifyInstrumentation = fastify
  return {
    async shutdown () {
      fastify.disable()
      undici.disable()
      fastifyInstrumentation = undefined
      await provider.shutdown()
      trace.disable()
      context.disable()
      propagation.disable()
    }
  }
}

/** The OTLP/HTTP traces path under the endpoint, as the SDK builds it from OTEL_EXPORTER_OTLP_ENDPOINT. */
function tracesUrl (endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`
}

/** Whether this process traces: loggers of their own (the gateway's access line) add `traceFields` then. */
export function tracingOn (): boolean {
  return fastifyInstrumentation !== undefined
}

/** @fastify/otel's plugin while tracing is on; `createApp` registers it first in every app. */
export function fastifyTracing (): ReturnType<FastifyOtelInstrumentation['plugin']> | undefined {
  return fastifyInstrumentation?.plugin()
}

/** The ids a log line written within a traced request or message carries. */
export function traceFields (): { trace_id: string, span_id: string } | Record<never, never> {
  const span = trace.getActiveSpan()
  if (span === undefined) return {}
  const spanContext = span.spanContext()
  if (!isSpanContextValid(spanContext)) return {}
  const { traceId, spanId } = spanContext
  return { trace_id: traceId, span_id: spanId }
}
