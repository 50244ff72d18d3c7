import t from 'tap'
import { InProcessBroker } from '@driver/bus'
import { trace } from '@opentelemetry/api'
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base'
import { createApp, startTracing, type TracingConfig } from '../src/index.js'

const CONFIG: TracingConfig = { OTEL_TRACES_SAMPLER: 'parentbased_always_on' }
const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736'
const CALLER_SPAN = '00f067aa0ba902b7'
const TRACEPARENT = `00-${CALLER_TRACE}-${CALLER_SPAN}-01`

/** An exporter that tells when a span of a name has ended. */
class WatchedExporter extends InMemorySpanExporter {
  private readonly waiting = new Map<string, (span: ReadableSpan) => void>()
  override export (spans: ReadableSpan[], done: Parameters<InMemorySpanExporter['export']>[1]): void {
    super.export(spans, done)
    for (const span of spans) this.waiting.get(span.name)?.(span)
  }

  ended (name: string): Promise<ReadableSpan> {
    const found = this.getFinishedSpans().find((span) => span.name === name)
    if (found !== undefined) return Promise.resolve(found)
    return new Promise((resolve) => { this.waiting.set(name, resolve) })
  }
}

function appWithLines (service: string) {
  const lines: Array<Record<string, unknown>> = []
  const app = createApp({ service, logLevel: 'info', logStream: { write: (line) => { lines.push(JSON.parse(line)) } } })
  return { app, lines }
}

t.test('without OTEL_EXPORTER_OTLP_ENDPOINT nothing is started and log lines carry no trace id', async (t) => {
  t.equal(startTracing({ service: 'test', config: CONFIG }), undefined)
  t.notOk(trace.getTracer('test').startSpan('probe').isRecording(), 'the API stays a no-op')
  const { app, lines } = appWithLines('test')
  t.teardown(() => app.close())
  app.get('/thing', async (request) => { request.log.info('handled'); return { ok: true } })
  await app.inject({ url: '/thing', headers: { traceparent: TRACEPARENT } })
  t.ok(lines.some((line) => line.msg === 'handled'))
  t.notOk(lines.some((line) => 'trace_id' in line), 'no line has a trace id')
})

t.test('a traced request continues its caller\'s trace into the bus, and its log lines say so', async (t) => {
  const exporter = new WatchedExporter()
  const tracing = startTracing({ service: 'test', config: CONFIG, exporter })
  t.teardown(() => tracing?.shutdown())
  const broker = new InProcessBroker()
  const asking = broker.connect('resumes')
  const answering = broker.connect('media')
  t.teardown(async () => { await asking.close(); await answering.close(); broker.close() })
  await answering.handle('media.describe', async () => ({ found: false }))
  await answering.subscribe('sms.phone_verified', async () => {})

  const { app, lines } = appWithLines('resumes')
  t.teardown(() => app.close())
  app.get('/thing', async (request) => {
    request.log.info('handled')
    await asking.publish('sms.phone_verified', {
      wxUserId: '5f1d7c2e9a3b4c5d6e7f8091', phone: '13812345678', verifiedAt: '2024-05-01T08:00:00.000Z'
    })
    return await asking.request('media.describe', { id: 'dddddddddddddddddddddddd' })
  })
  const response = await app.inject({ url: '/thing', headers: { traceparent: TRACEPARENT } })
  t.same(response.json(), { found: false })

  const request = await exporter.ended('request')
  t.equal(request.spanContext().traceId, CALLER_TRACE, 'the caller\'s traceparent is the parent')
  t.equal(request.parentSpanContext?.spanId, CALLER_SPAN)
  t.equal(request.attributes['app.service'], 'resumes')
  const sent = await exporter.ended('send media.describe')
  const answered = await exporter.ended('process media.describe')
  const published = await exporter.ended('publish sms.phone_verified')
  const consumed = await exporter.ended('process sms.phone_verified')
  for (const span of [sent, answered, published, consumed]) {
    t.equal(span.spanContext().traceId, CALLER_TRACE, `${span.name} is in the caller's trace`)
    t.equal(span.attributes['messaging.system'], 'in_process')
  }
  t.equal(answered.parentSpanContext?.spanId, sent.spanContext().spanId, 'a request\'s answer follows its sending')
  t.equal(consumed.parentSpanContext?.spanId, published.spanContext().spanId, 'an event is handled after its publish')

  const handled = lines.find((line) => line.msg === 'handled')
  t.equal(handled?.trace_id, CALLER_TRACE, 'a line within the request carries its trace id')
  t.match(handled, { reqId: String, span_id: /^[0-9a-f]{16}$/ })
})
