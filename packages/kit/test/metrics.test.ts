import t from 'tap'
import { metricValue, waitFor } from '@driver/testing'
import { CommonConfigSchema, createApp, loadConfig, type App } from '../src/index.js'
import { buildService, type ServiceDefinition, type ServiceOptions } from '../src/service/index.js'
import { build, phoneVerified, type Tap } from './helper.js'

/** `GET /metrics` as Prometheus sends it: without a gateway assertion. */
async function scrape (app: App): Promise<string> {
  const response = await app.inject({ method: 'GET', url: '/metrics' })
  if (response.statusCode !== 200) throw new Error(`/metrics answered ${response.statusCode}`)
  if (!/^text\/plain; version=0\.0\.4/.test(String(response.headers['content-type']))) {
    throw new Error('not Prometheus text')
  }
  return response.body
}

/** A service with one route of its own, whose path has a parameter. */
function serviceWithRoute (name: string): ServiceDefinition<ServiceOptions> {
  return {
    name,
    description: 'A service with one route.',
    app: async (app) => {
      app.get('/things/:id', { config: { unasserted: true } }, async (request) =>
        ({ id: (request.params as { id: string }).id }))
    }
  }
}

async function buildNamed (t: Tap, name: string): Promise<App> {
  const config = loadConfig(CommonConfigSchema, { LOG_LEVEL: 'silent', DATA_DIR: t.testdir() })
  const app = await buildService(serviceWithRoute(name), { config })
  t.teardown(() => app.close())
  return app
}

t.test("a service's /metrics counts its requests by route template and status, " +
  'with its name, the process defaults, and the bus and outbox families', async (t) => {
  const app = await buildNamed(t, 'things')
  for (const id of ['1', '2', '3']) await app.inject({ method: 'GET', url: `/things/${id}` })
  await app.inject({ method: 'GET', url: '/nowhere/5' })

  const text = await scrape(app)
  const things = { service: 'things', method: 'GET', route: '/things/:id', status_code: '200' }
  t.equal(metricValue(text, 'http_request_duration_seconds_count', things), 3)
  // Refused by the gateway check (401) before it could be a 404: either way, no route.
  t.equal(metricValue(text, 'http_request_duration_seconds_count', {
    service: 'things', method: 'GET', route: 'unmatched', status_code: '401'
  }), 1)
  t.notMatch(text, '/things/1', 'never the raw URL')
  t.notMatch(text, 'nowhere')
  for (const family of [
    'process_cpu_seconds_total', 'process_start_time_seconds', 'nodejs_version_info', 'nodejs_eventloop_lag_seconds',
    'nodejs_heap_size_used_bytes',
    'nodejs_gc_duration_seconds', 'nodejs_active_handles_total',
    'bus_messages_published_total', 'bus_messages_consumed_total', 'bus_messages_retried_total',
    'bus_messages_dead_lettered_total', 'bus_request_duration_seconds',
    'outbox_events_held', 'outbox_oldest_event_age_seconds'
  ]) t.match(text, `# TYPE ${family} `, family)
})

t.test('two apps in one process: each counts its own requests under its name, ' +
  'the process defaults are collected once', async (t) => {
  const first = await buildNamed(t, 'first')
  const second = await buildNamed(t, 'second')
  await first.inject({ method: 'GET', url: '/things/1' })
  await second.inject({ method: 'GET', url: '/things/1' })
  await second.inject({ method: 'GET', url: '/things/2' })

  const text = await scrape(second)
  t.equal(metricValue(text, 'http_request_duration_seconds_count', { service: 'second', route: '/things/:id' }), 2)
  t.equal(metricValue(text, 'http_request_duration_seconds_count', { service: 'first' }), 0, 'not the other app')
  t.equal(text.split('# TYPE process_cpu_seconds_total ').length, 2, 'the process defaults once')
})

t.test('an app made with metrics off times nothing, but has a registry for its own counters', async (t) => {
  const app = createApp({ service: 'quiet', logLevel: 'silent', metrics: false })
  t.teardown(() => app.close())
  await app.inject({ method: 'GET', url: '/healthz' })
  t.notMatch(await app.metrics.metrics(), 'http_request_duration_seconds')
  t.equal((await app.inject({ method: 'GET', url: '/metrics' })).statusCode, 404, 'createApp serves no /metrics')
})

t.test('the outbox gauges: how many events are held and how old the oldest is, ' +
  'zero once published', async (t) => {
  const service = await build(t, { outbox: { pollMs: 60_000 } })
  const empty = await scrape(service.app)
  t.equal(metricValue(empty, 'outbox_events_held', { service: 'bare' }), 0)
  t.equal(metricValue(empty, 'outbox_oldest_event_age_seconds', { service: 'bare' }), 0)

  const held = await service.app.outbox.hold('sms.phone_verified', phoneVerified)
  await service.app.outbox.hold('sms.phone_verified', { ...phoneVerified, wxUserId: 'aaaaaaaaaaaaaaaaaaaaaaaa' })
  let text = await scrape(service.app)
  t.equal(metricValue(text, 'outbox_events_held', { service: 'bare' }), 2)
  // Its age grows by the millisecond: wait for the first to show.
  const ageOf = (page: string) => metricValue(page, 'outbox_oldest_event_age_seconds')
  await waitFor('an age', async () => ageOf(text = await scrape(service.app)) > 0)
  t.ok(metricValue(text, 'outbox_oldest_event_age_seconds') > 0, 'the oldest has an age')

  await held.release()
  await service.app.outbox.hold('sms.phone_verified', phoneVerified).then(async (again) => { await again.discard() })
  await waitFor('the publish', async () => metricValue(text = await scrape(service.app), 'outbox_events_held') === 1)
  t.equal(metricValue(text, 'outbox_events_held'), 1, 'the released one is published, the other still held')
  t.equal(metricValue(text, 'bus_messages_published_total', { service: 'bare', queue: 'sms.phone_verified' }), 1,
    'the publish counted by the bus')
})
