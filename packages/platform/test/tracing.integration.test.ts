import t from 'tap'
import { connectBus } from '@driver/bus'
import { buildGateway, gatewayOptions, loadGatewayConfig } from '@driver/gateway'
import { startTracing, type App } from '@driver/kit'
import { buildService } from '@driver/kit/service'
import { createSessionSigner, generateSessionKeyPair } from '@driver/kit/session'
import { loadMediaConfig, mediaService } from '@driver/media'
import { loadResumesConfig, resumesService } from '@driver/resumes'
import { startWechatSimulator } from '@driver/simulators/wechat'
import { AMQP_URL, skipWithoutRabbitmq } from '@driver/testing'
import { SpanKind } from '@opentelemetry/api'
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base'
import { pino } from 'pino'
import { rabbitRun } from './helpers/rabbitmq-run.js'

await skipWithoutRabbitmq(t)

const DRIVER = '64b7f0c2a1b2c3d4e5f6071d'
const SECRET = 'gateway-assertion-secret-for-the-tracing-test'
const APP = { appId: 'wx-tracing-test', secret: 'tracing-test-secret-0123456789abcdef' }

/** Where a service listens, as the gateway reaches it. */
async function listening (app: App): Promise<string> {
  return await app.listen({ host: '127.0.0.1', port: 0 })
}

t.test('one trace goes from the gateway through resumes, over a RabbitMQ request, into media', async (t) => {
  const exporter = new InMemorySpanExporter()
  const tracing = startTracing({ service: 'platform', config: { OTEL_TRACES_SAMPLER: 'always_on' }, exporter })
  if (tracing === undefined) throw new Error('an exporter given starts tracing')
  const closers: Array<() => Promise<unknown>> = [() => tracing.shutdown()]
  t.teardown(async () => { for (const close of closers) await close() })

  const run = rabbitRun(t)
  const dataDir = t.testdir()
  const simulator = await startWechatSimulator({ ...APP, port: 0 })
  closers.unshift(() => simulator.close())
  const wechat = { WECHAT_API_URL: simulator.url, WECHAT_APPID: APP.appId, WECHAT_SECRET: APP.secret }
  const media = await buildService(mediaService, {
    config: loadMediaConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, GATEWAY_ASSERTION_SECRET: SECRET, ...wechat }),
    bus: await run.bus('media')
  })
  closers.unshift(() => media.close())
  const lines: Array<Record<string, unknown>> = []
  const resumes = await buildService(resumesService, {
    config: loadResumesConfig({ LOG_LEVEL: 'info', DATA_DIR: dataDir, GATEWAY_ASSERTION_SECRET: SECRET }),
    bus: await connectBus({
      service: `${run.prefix}-resumes`, amqpUrl: AMQP_URL, logger: pino({ level: 'silent' }), ...run.exchanges
    }),
    logStream: { write: (line) => { lines.push(JSON.parse(line) as Record<string, unknown>) } }
  })
  closers.unshift(() => resumes.close())

  const keys = generateSessionKeyPair()
  const nowhere = 'http://127.0.0.1:9'
  const accessLines: Array<Record<string, unknown>> = []
  const gateway = await buildGateway({
    ...gatewayOptions(
      loadGatewayConfig({ LOG_LEVEL: 'info', GATEWAY_ASSERTION_SECRET: SECRET }),
      {
        sessionPublicKey: keys.publicKey,
        upstreams: { identity: nowhere, sms: nowhere, resumes: await listening(resumes), media: await listening(media) }
      }
    ),
    logStream: { write: (line) => { accessLines.push(JSON.parse(line) as Record<string, unknown>) } }
  })
  closers.unshift(() => gateway.close())
  const base = await gateway.listen({ host: '127.0.0.1', port: 0 })
  const cookie = `wx_session=${(await createSessionSigner(keys.privateKey))({ sub: DRIVER })}`
  await resumes.store.collection('wx_user').insertOne({ _id: DRIVER, nick_name: 'driver' })

  const post = async (path: string, form: Record<string, string>) => {
    const body = new URLSearchParams(form)
    const response = await fetch(`${base}${path}`, { method: 'POST', body, headers: { cookie } })
    return JSON.parse(await response.text()) as Record<string, string>
  }
  const head = await post('/wx/auto_download/head_image', { server_id: 'sim-head' })
  t.equal(head.message, 'success', 'media took the photo from WeChat')
  exporter.reset()

  const saved = await post('/wx/resume/opt', { head_image: head.head_image ?? '' })
  t.equal(saved.message, 'success', 'resumes asked media whose photo it is, and saved it')

  const spans = exporter.getFinishedSpans()
  const entry = spans.find((span) => span.parentSpanContext === undefined && span.name === 'request')
  t.match(entry?.attributes, { 'app.service': 'gateway', 'url.path': '/wx/resume/opt' }, 'the gateway starts the trace')
  const traceId = entry?.spanContext().traceId ?? ''
  const inTrace = spans.filter((span) => span.spanContext().traceId === traceId)
  const parentOf = (span: ReadableSpan | undefined) =>
    inTrace.find((other) => other.spanContext().spanId === span?.parentSpanContext?.spanId)
  const one = (what: string, test: (span: ReadableSpan) => boolean): ReadableSpan | undefined => {
    const found = inTrace.filter(test)
    t.equal(found.length, 1, `one span in the trace: ${what}`)
    return found[0]
  }

  const service = one('resumes answers', (span) =>
    span.name === 'request' && span.attributes['app.service'] === 'resumes')
  t.match(service?.attributes, { 'http.route': '/wx/resume/opt', 'http.response.status_code': 200 })
  const proxied = parentOf(service)
  t.equal(proxied?.kind, SpanKind.CLIENT, 'the gateway\'s undici request is the parent of the service\'s span')
  const handler = parentOf(proxied)
  t.equal(parentOf(handler)?.spanContext().spanId, entry?.spanContext().spanId, 'within the gateway\'s request')

  const sent = one('resumes asks media.describe', (span) => span.name === 'send media.describe')
  t.equal(sent?.kind, SpanKind.PRODUCER)
  t.match(sent?.attributes, { 'messaging.system': 'rabbitmq', 'app.service': `${run.prefix}-resumes` })
  const answered = one('media answers it', (span) => span.name === 'process media.describe')
  t.equal(answered?.kind, SpanKind.CONSUMER)
  t.match(answered?.attributes, {
    'messaging.system': 'rabbitmq',
    'messaging.consumer.group.name': `${run.prefix}-media.rpc.media.describe`,
    'messaging.message.id': sent?.attributes['messaging.message.id']
  })
  t.equal(parentOf(answered), sent, 'the traceparent travelled in the message headers')
  t.ok(inTrace.includes(parentOf(sent) as ReadableSpan), 'the request is sent within resumes\' request')

  const access = accessLines.filter((line) => line.msg === 'request' && line.url === '/wx/resume/opt')
  t.match(access, [{ trace_id: traceId, reqId: String }], 'the gateway\'s access line carries the trace id')
  const logged = lines.filter((line) => line.trace_id === traceId)
  t.ok(logged.length > 0, 'resumes\' log lines of the request carry its trace id')
  t.ok(logged.every((line) => typeof line.reqId === 'string' && /^[0-9a-f]{16}$/.test(String(line.span_id))),
    'beside the request id, with the span\'s id')
})
