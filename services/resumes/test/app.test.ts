import t from 'tap'
import { buildService } from '@driver/kit/service'
import { resumesService } from '../src/app.js'
import { loadResumesConfig } from '../src/config.js'

async function build (t: { teardown: (fn: () => unknown) => void, testdir: () => string }) {
  const app = await buildService(resumesService, { config: loadResumesConfig({ LOG_LEVEL: 'silent', DATA_DIR: t.testdir() }) })
  t.teardown(() => app.close())
  return app
}

t.test('the resumes service answers health and readiness', async (t) => {
  const app = await build(t)
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200)
  const ready = await app.inject({ method: 'GET', url: '/readyz' })
  t.equal(ready.statusCode, 200)
  t.same(ready.json(), { status: 'ok', checks: { store: 'ok', bus: 'ok' } })
})

t.test('an unknown path under its prefix is a 404 in the seed envelope', async (t) => {
  const app = await build(t)
  const response = await app.inject({ method: 'GET', url: '/wx/nothing' })
  t.equal(response.statusCode, 404)
  t.same(JSON.parse(response.body), { message: '接口不存在', code: 'KIT_NOT_FOUND' })
})

t.test('the resumes service publishes an OpenAPI document', async (t) => {
  const app = await build(t)
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{ openapi: string, info: { title: string } }>()
  t.match(document, { openapi: /^3\./, info: { title: 'resumes service' } })
})
