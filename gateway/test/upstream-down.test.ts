import t from 'tap'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { build, type SeenRequest } from './helper.js'

t.test('a service that is down answers 503 in the envelope; the others keep working', async (t) => {
  const { gateway, origins, sign } = await build(t)
  await origins.identity.app.close()

  const started = process.hrtime.bigint()
  const down = await gateway.inject({ method: 'GET', url: '/users/1' })
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6
  t.equal(down.statusCode, 503)
  t.same(down.json(), { result: 0, msg: '服务暂不可用，请稍后再试', code: 'KIT_UPSTREAM_UNAVAILABLE' })
  t.ok(elapsedMs < 1000, `answered within a second (${elapsedMs.toFixed(0)} ms)`)

  const session = sign({ sub: '5f1d7c2e9a3b4c5d6e7f8091' })
  const up = await gateway.inject({ method: 'GET', url: '/wx/self_info/view', cookies: { wx_session: session } })
  t.equal(up.statusCode, 200)
  t.equal(up.json<SeenRequest>().service, 'resumes')

  const ready = await gateway.inject({ method: 'GET', url: '/readyz' })
  t.equal(ready.statusCode, 503)
  const body = ready.json<{ checks: Record<string, string> }>()
  t.not(body.checks.identity, 'ok')
  t.equal(body.checks.resumes, 'ok')
})

t.test('/readyz is 200 when every service is ready, /healthz always', async (t) => {
  const { gateway } = await build(t)
  const ready = await gateway.inject({ method: 'GET', url: '/readyz' })
  t.equal(ready.statusCode, 200)
  t.same(ready.json(), { status: 'ok', checks: { identity: 'ok', resumes: 'ok', media: 'ok', sms: 'ok' } })
  t.equal((await gateway.inject({ method: 'GET', url: '/healthz' })).statusCode, 200)
})

t.test('a service that takes longer than the upstream timeout answers 504 in the envelope', async (t) => {
  // Accepts the connection and the request, and never answers.
  const silent = createServer(() => {})
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  t.teardown(() => { silent.closeAllConnections(); silent.close() })
  const { port } = silent.address() as AddressInfo
  const { gateway, origins } = await build(t, { upstreamTimeoutMs: 300 })
  const slow = await build(t, {
    upstreamTimeoutMs: 300,
    upstreams: {
      identity: `http://127.0.0.1:${port}`,
      resumes: origins.resumes.url,
      media: origins.media.url,
      sms: origins.sms.url
    }
  })

  const late = await slow.gateway.inject({ method: 'GET', url: '/users/1' })
  t.equal(late.statusCode, 504)
  t.same(late.json(), { result: 0, msg: '服务响应超时，请稍后再试', code: 'KIT_UPSTREAM_TIMEOUT' })
  const answered = await gateway.inject({ method: 'GET', url: '/users/1' })
  t.equal(answered.statusCode, 200, 'a service that answers is unaffected')
})
