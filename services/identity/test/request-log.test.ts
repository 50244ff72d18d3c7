import { hostname } from 'node:os'
import t from 'tap'
import { build } from './helper.js'

interface Line extends Record<string, unknown> {
  level: string
  msg: string
}

t.test('each request writes one line: the route template, the caller its token names, the client the gateway saw', {
  timeout: 30_000
}, async (t) => {
  const bed = await build(t)
  const { user, token } = await bed.addUser({ login_name: '13800000001' })
  const lines = (): Line[] => bed.logs.map((line) => JSON.parse(line) as Line).filter((line) => line.msg === 'request')

  const before = lines().length
  const url = `/users/${user._id}?token=${encodeURIComponent(token)}`
  t.equal((await bed.call('GET', url, { ip: '203.0.113.9' })).status, 200)
  const written = lines().slice(before)
  t.equal(written.length, 1, 'one line')
  const line = written[0] ?? { level: '', msg: '' }
  t.same(Object.keys(line).sort(), [
    'caller', 'clientIp', 'hostname', 'level', 'method', 'ms', 'msg', 'pid', 'reqId', 'route', 'service', 'status',
    'time', 'url'
  ], 'those fields and no others')
  t.match(line, {
    level: 'info',
    service: 'identity',
    hostname: hostname(),
    pid: process.pid,
    method: 'GET',
    route: '/users/:id(^\\d+$)',
    url: `/users/${user._id}?token=%5BRedacted%5D`,
    status: 200,
    caller: String(user._id),
    clientIp: '203.0.113.9'
  })
  t.type(line.ms, 'number')
  t.type(line.reqId, 'string')
  t.notOk(bed.logs.some((logged) => logged.includes(token)), 'the token is in no line')

  const refused = await bed.call('GET', `/users/${user._id}`, { token: 'not a token' })
  t.equal(refused.status, 401)
  const refusal = lines().at(-1)
  t.match(refusal, { status: 401, code: 'IDENTITY_UNAUTHORIZED' })
  t.notOk(refusal && 'caller' in refusal, 'a refused token names no caller')
  t.notOk(bed.logs.some((logged) => logged.includes('"msg":"request refused"')), 'and no second line says so')
})

t.test('Fastify\'s own request lines are gone; health checks write none at info', async (t) => {
  const bed = await build(t)
  await bed.call('GET', '/users/1')
  await bed.app.inject({ method: 'GET', url: '/healthz' })
  const messages = bed.logs.map((line) => (JSON.parse(line) as Line).msg)
  t.notOk(messages.includes('incoming request'))
  t.notOk(messages.includes('request completed'))
  t.equal(messages.filter((msg) => msg === 'request').length, 1, 'the one line of the one request')
})
