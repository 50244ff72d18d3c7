import t from 'tap'
import { UPSTREAMS } from '../src/route-table.js'
import { build } from './helper.js'

t.test('a burst of /readyz asks each service once', async (t) => {
  const { gateway, origins } = await build(t)
  const asked = Object.fromEntries(UPSTREAMS.map((name) => [name, 0]))
  for (const name of UPSTREAMS) {
    origins[name].app.server.on('request', (request: { url?: string }) => {
      if (request.url === '/readyz') asked[name]!++
    })
  }
  const answers = await Promise.all(Array.from({ length: 20 }, (_, index) =>
    gateway.inject({ method: 'GET', url: '/readyz', remoteAddress: `10.0.1.${index}` })))
  t.same(answers.map((answer) => answer.statusCode), Array(20).fill(200))
  t.same(answers[19]?.json(), { status: 'ok', checks: { identity: 'ok', resumes: 'ok', media: 'ok', sms: 'ok' } })
  t.same(asked, { identity: 1, resumes: 1, media: 1, sms: 1 })
})

t.test('/readyz is rate limited per client address; /healthz is not', async (t) => {
  const { gateway } = await build(t, { rateLimit: { max: 3, windowMs: 60_000 } })
  const readyz = (remoteAddress: string) => gateway.inject({ method: 'GET', url: '/readyz', remoteAddress })
  for (let i = 0; i < 3; i++) t.equal((await readyz('10.0.2.1')).statusCode, 200)
  const limited = await readyz('10.0.2.1')
  t.equal(limited.statusCode, 429)
  t.same(limited.json(), { result: 0, msg: '请求过于频繁，请稍后再试', code: 'KIT_RATE_LIMITED' })
  t.equal((await readyz('10.0.2.2')).statusCode, 200, 'another client is not limited')
  for (let i = 0; i < 5; i++) {
    t.equal((await gateway.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.0.2.1' })).statusCode, 200)
  }
})
