import t from 'tap'
import type { ConfigError } from '@driver/kit'
import { loadPlatformConfig, withoutSimulators } from '../src/config.js'
import { startPlatform } from '../src/platform.js'

t.test('the all-in-one platform serves every service through one port', async (t) => {
  const dataDir = t.testdir()
  const platform = await startPlatform(
    loadPlatformConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' })
  )
  t.teardown(() => platform.close())
  const address = platform.gateway.server.address()
  const base = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : ''

  const ready = await fetch(`${base}/readyz`)
  t.equal(ready.status, 200)
  t.same(await ready.json(), { status: 'ok', checks: { identity: 'ok', resumes: 'ok', media: 'ok', sms: 'ok' } })

  const anonymous = await fetch(`${base}/wx/resume/opt`, { method: 'POST' })
  t.equal(anonymous.status, 401)
  t.same(JSON.parse(await anonymous.text()), { message: '未登录', code: 'KIT_UNAUTHORIZED' })

  const identity = await fetch(`${base}/users/1`, { headers: { 'x-request-id': 'platform-test-1' } })
  t.equal(identity.headers.get('x-request-id'), 'platform-test-1', 'the request id comes back from the service')

  const document = await (await fetch(`${base}/openapi.json`)).json() as {
    'x-unavailable': string[],
    paths: Record<string,
    Record<string,
    { responses: Record<string, unknown> }>>
  }
  t.ok(
    document.paths['/wx/sms/get']?.post?.responses['200'],
    'the merged document has the sms routes with their answers'
  )
  t.ok(document.paths['/dev/sms/outbox'], 'and the development outbox, in development')
  const someRoutes = {
    identity: '/users/login', resumes: '/wx/resume/opt', media: '/wx/images/{id}', sms: '/wx/sms/get'
  }
  for (const [service, path] of Object.entries(someRoutes)) t.ok(document.paths[path], `and ${service}'s routes`)
  t.same(document['x-unavailable'], [], 'every service handed over its document')
  const docs = await fetch(`${base}/docs/`)
  t.equal(docs.status, 200)
  t.match(await docs.text(), /swagger/i, 'Swagger UI is served at /docs')
})

t.test('a service\'s own port answers only its health and readiness without the gateway\'s assertion', async (t) => {
  const platform = await startPlatform(
    loadPlatformConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: t.testdir(), LOG_LEVEL: 'silent' })
  )
  t.teardown(() => platform.close())
  for (const [name, service] of Object.entries(platform.services)) {
    const address = service.server.address()
    const base = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : ''
    const document = await fetch(`${base}/openapi.json`)
    t.equal(document.status, 401, `${name}'s OpenAPI document, which names its internal routes, is refused`)
    await document.arrayBuffer()
    for (const path of ['/healthz', '/readyz']) {
      const health = await fetch(`${base}${path}`)
      t.equal(health.status, 200, `${name}'s ${path} answers`)
      await health.arrayBuffer()
    }
  }
})

t.test('a half-configured session key pair stops the start', async (t) => {
  const config = loadPlatformConfig({ PORT: '0', SESSION_PUBLIC_KEY: 'x', LOG_LEVEL: 'silent' })
  await t.rejects(startPlatform(config), { code: 'KIT_CONFIG', variables: ['SESSION_PRIVATE_KEY'] })
})

t.test('bad configuration names every bad variable before anything starts', async (t) => {
  const error = t.throws(
    () =>
      loadPlatformConfig(
        { PORT: 'x', MEFP_ALLOWED_IPS: '10.0.0.1,not-an-ip', TRUST_PROXY: '10.0.0.0/8', IDENTITY_URL: 'ftp://x' }
      )
  ) as ConfigError
  t.same(error.variables, ['IDENTITY_URL', 'MEFP_ALLOWED_IPS', 'PORT'])
})

t.test('a build without the simulators, asked for one, names the variable that would replace it', async (t) => {
  const missing = Object.assign(new Error('Cannot find package'), { code: 'ERR_MODULE_NOT_FOUND' })
  t.throws(() => withoutSimulators('MEFP_URL')(missing), {
    code: 'KIT_CONFIG', variables: ['MEFP_URL'], message: /MEFP_URL is required: this build has no simulators/
  })
  const other = new Error('a bug in the simulator')
  t.throws(() => withoutSimulators('WECHAT_API_URL')(other), other, 'any other failure is what it is')
})
