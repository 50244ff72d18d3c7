import t from 'tap'
import { createApp } from '../../src/index.js'
import { registerDependencies } from '../../src/service/index.js'

t.test('readiness reports the store and the bus, and turns 503 when one is gone', async (t) => {
  const app = createApp({ service: 'test', logLevel: 'silent' })
  await registerDependencies(app, 'test', { DATA_DIR: t.testdir() }, {})
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
  await registerDependencies(app, 'test', { DATA_DIR: t.testdir() }, {})
  await app.ready()
  const { store } = app
  await app.close()
  await t.rejects(store.ping(), 'the store no longer answers')
})
