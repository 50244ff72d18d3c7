import t from 'tap'
import { readFileSync } from 'node:fs'
import { metricValue } from '@driver/testing'
import { loadPlatformConfig } from '../src/config.js'
import { startPlatform } from '../src/platform.js'

t.test('the all-in-one process: one scrape of the metrics port sees the gateway and the four services, ' +
  'the process once; the public port has no /metrics', async (t) => {
  const platform = await startPlatform(loadPlatformConfig({
    PORT: '0', HOST: '127.0.0.1', METRICS_PORT: '0', DATA_DIR: t.testdir(), LOG_LEVEL: 'silent'
  }))
  t.teardown(() => platform.close())
  const address = platform.gateway.server.address()
  const base = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : ''

  t.equal((await fetch(`${base}/users/1`)).status, 401, 'identity answers through the gateway')
  t.equal((await fetch(`${base}/wx/sms/get`, { method: 'POST' })).status, 401, 'refused by the gateway: no session')
  const publicMetrics = await fetch(`${base}/metrics`)
  t.equal(publicMetrics.status, 404, 'never on the public port')
  t.notMatch(await publicMetrics.text(), 'http_request_duration_seconds')

  const scraped = await fetch(`http://127.0.0.1:${platform.gateway.metricsPort()}/metrics`)
  t.equal(scraped.status, 200)
  const text = await scraped.text()
  t.equal(metricValue(text, 'http_request_duration_seconds_count', {
    service: 'gateway', route: '/users/*', status_code: '401'
  }), 1)
  t.equal(metricValue(text, 'http_request_duration_seconds_count', {
    service: 'identity', route: '/users/:id(^\\d+$)', status_code: '401'
  }), 1, 'the same request, as identity counted it')
  t.equal(metricValue(text, 'http_request_duration_seconds_count', { service: 'sms' }), 0, 'it never reached sms')
  for (const service of ['identity', 'resumes', 'media', 'sms']) {
    t.match(text, `outbox_events_held{service="${service}"}`, `${service}'s outbox`)
  }
  t.equal(text.split('# TYPE http_request_duration_seconds histogram').length, 2, 'each family written once')
  t.equal(text.split('# TYPE process_cpu_seconds_total ').length, 2)
  t.match(text, /process_cpu_seconds_total\{service="platform"\}/, 'the process is the platform')

  // The observability profile's dashboard asks for nothing a process does not write.
  const dashboard = readFileSync(
    new URL('../../../ops/observability/grafana/dashboards/driver-platform.json', import.meta.url), 'utf8')
  const asked = new Set([...dashboard.matchAll(/\b([a-z]+(?:_[a-z0-9]+)+)(?=[{[)])/g)]
    .map((match) => (match[1] ?? '').replace(/_(bucket|count|sum)$/, ''))
    .filter((name) => !['histogram_quantile', 'label_values'].includes(name)))
  t.ok(asked.size >= 12, `the dashboard's families: ${[...asked].join(', ')}`)
  for (const family of asked) t.match(text, `# TYPE ${family} `, `the scrape has ${family}, which the dashboard shows`)
})
