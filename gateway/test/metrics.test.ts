import t from 'tap'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { metricValue } from '@driver/testing'
import { build } from './helper.js'

const METRICS = { host: '127.0.0.1', port: 0 }

async function scrape (port: number | undefined): Promise<{ status: number, type: string | null, text: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`)
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() }
}

t.test('the metrics port answers Prometheus text: requests by route template and status, ' +
  'the process defaults', async (t) => {
  const { gateway } = await build(t, { metrics: METRICS })
  for (const id of ['42', '43']) t.equal((await gateway.inject({ method: 'GET', url: `/users/${id}` })).statusCode, 200)
  t.equal((await gateway.inject({ method: 'GET', url: '/no/such/path/17' })).statusCode, 404)

  const { status, type, text } = await scrape(gateway.metricsPort())
  t.equal(status, 200)
  t.match(type, /^text\/plain; version=0\.0\.4/)
  t.match(text, '# TYPE http_request_duration_seconds histogram')
  const users = { service: 'gateway', method: 'GET', route: '/users/*', status_code: '200' }
  t.equal(metricValue(text, 'http_request_duration_seconds_count', users), 2, 'both requests, under their template')
  t.equal(metricValue(text, 'http_request_duration_seconds_bucket', { ...users, le: '+Inf' }), 2)
  t.equal(metricValue(text, 'http_request_duration_seconds_count', { route: 'unmatched', status_code: '404' }), 1)
  t.notMatch(text, '/users/42', 'never the raw URL')
  t.notMatch(text, '/no/such', 'an unmatched path is not a label')
  for (const family of ['process_cpu_seconds_total', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds',
    'nodejs_gc_duration_seconds', 'nodejs_active_handles_total']) {
    t.match(text, `# TYPE ${family} `, `${family}, once`)
    t.equal(text.split(`# TYPE ${family} `).length, 2)
  }
  t.equal((await fetch(`http://127.0.0.1:${gateway.metricsPort()}/other`)).status, 404, 'the port serves nothing else')
})

t.test('the public port never answers /metrics, with metrics on or off', async (t) => {
  for (const metrics of [METRICS, undefined]) {
    const { gateway } = await build(t, metrics ? { metrics } : {})
    const address = await gateway.listen({ host: '127.0.0.1', port: 0 })
    for (const path of ['/metrics', '/metrics/', '/wx/metrics', '/users/../metrics']) {
      const response = await fetch(`${address}${path}`)
      t.equal(response.status, 404, `${path} with metrics ${metrics ? 'on' : 'off'}`)
      t.notMatch(await response.text(), 'http_request_duration_seconds')
    }
  }
})

t.test('without a metrics port nothing listens and no request is timed', async (t) => {
  const { gateway } = await build(t)
  await gateway.inject({ method: 'GET', url: '/users/42' })
  t.equal(gateway.metricsPort, undefined, 'no listener')
  t.notMatch(await gateway.metrics.metrics(), 'http_request_duration_seconds')
})

t.test('a service that is down or too slow is counted per upstream and kind', async (t) => {
  // Accepts the connection and the request, and never answers.
  const silent = createServer(() => {})
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  t.teardown(() => { silent.closeAllConnections(); silent.close() })
  const { port } = silent.address() as AddressInfo
  const first = await build(t)
  const { gateway } = await build(t, {
    metrics: METRICS,
    upstreamTimeoutMs: 300,
    upstreams: {
      identity: first.origins.identity.url,
      resumes: `http://127.0.0.1:${port}`,
      media: first.origins.media.url,
      sms: first.origins.sms.url
    }
  })
  await first.origins.identity.app.close()
  t.equal((await gateway.inject({ method: 'GET', url: '/users/1' })).statusCode, 503)
  t.equal((await gateway.inject({ method: 'GET', url: '/users/2' })).statusCode, 503)
  t.equal((await gateway.inject({ method: 'GET', url: '/wx/auth/login' })).statusCode, 504)

  const { text } = await scrape(gateway.metricsPort())
  t.equal(metricValue(text, 'gateway_upstream_errors_total', { upstream: 'identity', kind: 'error' }), 2)
  t.equal(metricValue(text, 'gateway_upstream_errors_total', { upstream: 'resumes', kind: 'timeout' }), 1)
  t.equal(metricValue(text, 'gateway_upstream_errors_total', { upstream: 'media' }), 0)
  t.equal(metricValue(text, 'http_request_duration_seconds_count', { route: '/users/*', status_code: '503' }), 2)
})
