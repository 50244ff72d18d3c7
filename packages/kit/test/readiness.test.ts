import t from 'tap'
import { createApp } from '../src/index.js'

t.test('/readyz answers each check, and what a plugin describes beside them when it has something', async (t) => {
  const app = createApp({ service: 'test', logLevel: 'silent' })
  t.teardown(() => app.close())
  await app.after()
  let upstream: { a: string } | undefined
  let failing = false
  app.readiness.add('upstream', async () => {
    upstream = { a: failing ? 'down' : 'ok' }
    if (failing) throw new Error('down')
  })
  app.readiness.describe('replicas', () => upstream)

  const ready = await app.inject({ method: 'GET', url: '/readyz' })
  t.same([ready.statusCode, ready.json()], [200, { status: 'ok', checks: { upstream: 'ok' }, replicas: { a: 'ok' } }])
  failing = true
  const unready = await app.inject({ method: 'GET', url: '/readyz' })
  t.same([unready.statusCode, unready.json()],
    [503, { status: 'unavailable', checks: { upstream: 'down' }, replicas: { a: 'down' } }],
    'described after the checks ran')

  const plain = createApp({ service: 'plain', logLevel: 'silent' })
  t.teardown(() => plain.close())
  await plain.after()
  plain.readiness.describe('replicas', () => undefined)
  t.same((await plain.inject({ method: 'GET', url: '/readyz' })).json(), { status: 'ok', checks: {} },
    'nothing added while it gives undefined')
})
