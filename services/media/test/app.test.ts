import t from 'tap'
import { buildMediaService } from '../src/app.js'
import { loadMediaConfig } from '../src/config.js'

t.test('the media service answers health and readiness', async (t) => {
  const app = await buildMediaService({ config: loadMediaConfig({ LOG_LEVEL: 'silent', DATA_DIR: t.testdir() }) })
  t.teardown(() => app.close())
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200)
  const ready = await app.inject({ method: 'GET', url: '/readyz' })
  t.equal(ready.statusCode, 200)
  t.same(ready.json(), { status: 'ok', checks: { store: 'ok', bus: 'ok' } })
})

t.test('the media service has no route it does not own', async (t) => {
  const app = await buildMediaService({ config: loadMediaConfig({ LOG_LEVEL: 'silent', DATA_DIR: t.testdir() }) })
  t.teardown(() => app.close())
  const response = await app.inject({ method: 'GET', url: '/wx/nothing' })
  t.equal(response.statusCode, 404)
  t.same(JSON.parse(response.body), { message: '接口不存在', code: 'KIT_NOT_FOUND' })
})
