import { hostname } from 'node:os'
import t from 'tap'
import {
  CommonConfigSchema, WX_USER_HEADER, assertionHeaders, createApp, loadConfig, staticFileRoutes, wxUserId
} from '../src/index.js'
import { buildService, defineService } from '../src/service/index.js'
import { GATEWAY_SECRET, type Tap } from './helper.js'

const USER = '5f1d7c2e9a3b4c5d6e7f8091'

/** A service with two routes, writing its lines to `logs`. */
async function build (t: Tap) {
  const service = defineService('who', 'Says who calls.', async (app) => {
    app.get('/wx/who/:part', async (request) => ({ message: 'success', user: wxUserId(request) }))
    app.get('/wx/who', async () => ({ message: 'success' }))
  })
  const logs: Array<Record<string, unknown>> = []
  const config = loadConfig(CommonConfigSchema, {
    LOG_LEVEL: 'info', DATA_DIR: t.testdir(), GATEWAY_ASSERTION_SECRET: GATEWAY_SECRET
  })
  const app = await buildService(service, {
    config, logStream: { write: (line: string) => { logs.push(JSON.parse(line) as Record<string, unknown>) } }
  })
  t.teardown(() => app.close())
  logs.length = 0
  return { app, logs }
}

t.test('a service writes one line per request, with the caller and client the gateway asserted', async (t) => {
  const { app, logs } = await build(t)
  const url = '/wx/who/me?phone=13812345678&code=123456'
  const headers = assertionHeaders(GATEWAY_SECRET, {
    method: 'GET', url, requestId: 'req-1', clientIp: '203.0.113.7', wxUserId: USER
  })
  const answer = await app.inject({ method: 'GET', url, headers, remoteAddress: '10.0.0.2' })
  t.equal(answer.statusCode, 200)
  t.equal(logs.length, 1, 'one line')
  t.same(Object.keys(logs[0] ?? {}).sort(), [
    'caller', 'clientIp', 'hostname', 'level', 'method', 'ms', 'msg', 'pid', 'reqId', 'route', 'service', 'status',
    'time', 'url'
  ], 'those fields and no others')
  t.match(logs[0], {
    level: 'info',
    service: 'who',
    hostname: hostname(),
    pid: process.pid,
    msg: 'request',
    reqId: 'req-1',
    method: 'GET',
    route: '/wx/who/:part',
    url: '/wx/who/me?phone=138****5678&code=%5BRedacted%5D',
    status: 200,
    caller: USER,
    clientIp: '203.0.113.7'
  })
  t.type(logs[0]?.ms, 'number')
})

t.test('a request the gateway did not sign names neither the user nor the address it claims', async (t) => {
  const { app, logs } = await build(t)
  const answer = await app.inject({
    method: 'GET',
    url: '/wx/who',
    headers: { [WX_USER_HEADER]: USER, 'x-client-ip': '198.51.100.1' },
    remoteAddress: '10.0.0.3'
  })
  t.equal(answer.statusCode, 401)
  const line = logs.find((written) => written.msg === 'request')
  t.match(line, { status: 401, code: 'KIT_UNAUTHORIZED', clientIp: '10.0.0.3' })
  t.notOk(line && 'caller' in line, 'no caller')
})

t.test('routes marked as static files write their lines at debug', async (t) => {
  const lines: string[] = []
  const at = (level: string) => {
    const app = createApp({ service: 'test', logLevel: level, logStream: { write: (line) => { lines.push(line) } } })
    app.register(async (files) => {
      staticFileRoutes(files, (url) => url === '/files/index.json')
      files.get('/files/app.js', async () => 'code')
      files.get('/files/index.json', async () => ({ files: 1 }))
    })
    t.teardown(() => app.close())
    return app
  }
  const info = at('info')
  await info.inject({ method: 'GET', url: '/files/app.js' })
  await info.inject({ method: 'GET', url: '/files/index.json' })
  t.match(lines.map((line) => JSON.parse(line) as unknown), [{ level: 'info', route: '/files/index.json' }],
    'only the route left out of them at info')
  t.equal(lines.length, 1)
  lines.length = 0
  const debug = at('debug')
  await debug.inject({ method: 'GET', url: '/files/app.js' })
  t.equal(lines.length, 1)
  t.match(JSON.parse(lines[0] ?? '{}'), { level: 'debug', msg: 'request', route: '/files/app.js', status: 200 })
})
