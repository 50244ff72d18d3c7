import t from 'tap'
import { createApp, createExposedError, registerDependencies } from '../src/index.js'

t.test('readiness reports the store and the bus, and turns 503 when one is gone', async (t) => {
  const app = createApp({ service: 'test', logLevel: 'silent' })
  await registerDependencies(app, { service: 'test', config: { DATA_DIR: t.testdir() } })
  t.teardown(() => app.close())
  const ready = await app.inject({ method: 'GET', url: '/readyz' })
  t.same(ready.json(), { status: 'ok', checks: { store: 'ok', bus: 'ok' } })

  await app.bus.close()
  const down = await app.inject({ method: 'GET', url: '/readyz' })
  t.equal(down.statusCode, 503)
  t.equal(down.json().checks.store, 'ok')
  t.not(down.json().checks.bus, 'ok')
})

t.test('closing the app closes its store', async (t) => {
  const app = createApp({ service: 'test', logLevel: 'silent' })
  await registerDependencies(app, { service: 'test', config: { DATA_DIR: t.testdir() } })
  await app.ready()
  const { store } = app
  await app.close()
  await t.rejects(store.ping(), 'the store no longer answers')
})

t.test('a 5xx error written for users shows its message; others are hidden', async (t) => {
  const ProviderDown = createExposedError('TEST_PROVIDER_DOWN', '短信发送失败，请稍后再试', 502)
  const app = createApp({ service: 'test', logLevel: 'silent' })
  app.get('/wx/exposed', async () => { throw new ProviderDown() })
  t.teardown(() => app.close())
  const response = await app.inject({ method: 'GET', url: '/wx/exposed' })
  t.equal(response.statusCode, 502)
  t.same(JSON.parse(response.body), { message: '短信发送失败，请稍后再试', code: 'TEST_PROVIDER_DOWN' })
})
