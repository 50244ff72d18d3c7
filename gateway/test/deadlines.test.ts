import t from 'tap'
import type { IncomingMessage } from 'node:http'
import { ConfigError, createApp } from '@driver/kit'
import { build } from './helper.js'
import { listening, rawConnection, readUntilClosed, send, trickle } from './sockets.js'
import { gatewayOptions, loadGatewayConfig } from '../src/index.js'

/** Deadlines short enough for a test; a late request would otherwise hold its socket for 30 s. */
const deadlines = { headersTimeoutMs: 500, bodyTimeoutMs: 1_000 }
/** Levels by name, as every process writes them. */
const WARNINGS = new Set(['warn', 'error', 'fatal'])

t.test('bodies that have not arrived whole by the body deadline are 408 and their connections closed', {
  timeout: 20_000
}, async (t) => {
  const lines: string[] = []
  const logStream = { write: (line: string) => { lines.push(line) } }
  const { gateway, origins } = await build(t, { deadlines, logLevel: 'info', logStream })
  const address = await listening(gateway)
  const requestsClosed: Array<Promise<unknown>> = []
  gateway.server.on('request', (request: IncomingMessage) => {
    requestsClosed.push(new Promise((resolve) => request.once('close', resolve)))
  })
  let seenByServices = 0
  for (const origin of Object.values(origins)) origin.app.server.on('request', () => { seenByServices++ })

  // A hundred clients that declare 50,000 bytes, send a byte every 100 ms, and go on sending after the
  // gateway has ended its side: the gateway must close them, not wait for them.
  const answers: Array<Promise<string>> = []
  for (let i = 0; i < 100; i++) {
    const socket = await rawConnection(t, address, { halfOpen: true })
    const path = i % 2 === 0 ? '/users/register' : '/wx/auth/login'
    socket.write(`POST ${path} HTTP/1.1\r\nHost: gateway\r\nContent-Type: text/plain\r\nContent-Length: 50000\r\n\r\nx`)
    answers.push(readUntilClosed(socket))
    trickle(socket, 100)
  }
  const received = await Promise.all(answers)
  t.same(received.map((answer) => answer.split(' ')[1]), Array(100).fill('408'), 'every one is 408, then closed')
  t.match(received[0], /\r\n\r\n\{"result":0,"msg":"请求超时","code":"KIT_REQUEST_TIMEOUT"\}$/)
  t.match(received[1], /\r\n\r\n\{"message":"请求超时","code":"KIT_REQUEST_TIMEOUT"\}$/, 'in the /wx envelope on /wx')
  t.equal(seenByServices, 0, 'no unfinished body reached a service')

  await Promise.all(requestsClosed)
  const written = lines.map((line) => JSON.parse(line) as { level: string, msg: string, status?: number })
  const timedOut = written.filter((line) => line.msg === 'request timed out')
  t.equal(timedOut.filter((line) => line.level === 'info').length, 100, 'one line at info for each')
  t.notOk(timedOut.some((line) => 'status' in line), 'with no status: no answer was sent')
  t.same(written.filter((line) => WARNINGS.has(line.level) || line.msg === 'client aborted'), [],
    'no error, and no abort')
})

t.test('headers that have not arrived whole by the header deadline are 408, not 400, and the connection closed', {
  timeout: 20_000
}, async (t) => {
  // The body deadline is far away: only the headers' one can end these.
  const { gateway } = await build(t, { deadlines: { headersTimeoutMs: 500, bodyTimeoutMs: 60_000 } })
  const address = await listening(gateway)
  const socket = await rawConnection(t, address, { halfOpen: true })
  socket.write('GET /users/1 HTTP/1.1\r\nHost: gateway\r\nX-Slow: ')
  const answer = readUntilClosed(socket)
  trickle(socket, 100)
  t.match(await answer, /^HTTP\/1\.1 408 Request Timeout\r\n/)
  t.match(await answer, /"code":"KIT_REQUEST_TIMEOUT"/)
})

t.test('the deadlines come from REQUEST_HEADERS_TIMEOUT_MS and REQUEST_BODY_TIMEOUT_MS', async (t) => {
  const base = {
    IDENTITY_URL: 'http://127.0.0.1:1',
    RESUMES_URL: 'http://127.0.0.1:2',
    MEDIA_URL: 'http://127.0.0.1:3',
    SMS_URL: 'http://127.0.0.1:4',
    SESSION_PUBLIC_KEY: 'key',
    GATEWAY_ASSERTION_SECRET: 'gateway-assertion-secret-for-tests-0123'
  }
  t.same(gatewayOptions(loadGatewayConfig(base)).deadlines, { headersTimeoutMs: 10_000, bodyTimeoutMs: 30_000 })
  const set = { ...base, REQUEST_HEADERS_TIMEOUT_MS: '2000', REQUEST_BODY_TIMEOUT_MS: '90000' }
  t.same(gatewayOptions(loadGatewayConfig(set)).deadlines, { headersTimeoutMs: 2_000, bodyTimeoutMs: 90_000 })
  const inverted = { ...base, REQUEST_HEADERS_TIMEOUT_MS: '60000', REQUEST_BODY_TIMEOUT_MS: '30000' }
  const refused = t.throws(() => gatewayOptions(loadGatewayConfig(inverted)))
  t.ok(refused instanceof ConfigError)
  t.same((refused as ConfigError).variables, ['REQUEST_HEADERS_TIMEOUT_MS'])
})

t.test('a client that hangs up mid-body is one info line, "client aborted", and no error, here or in a service', {
  timeout: 20_000
}, async (t) => {
  const serviceLines: string[] = []
  const service = createApp({
    service: 'identity', logLevel: 'info', logStream: { write: (line) => { serviceLines.push(line) } }
  })
  service.post('/users/login', async () => ({ result: 1 }))
  service.get('/users/1', async () => ({ result: 1 }))
  const url = await service.listen({ host: '127.0.0.1', port: 0 })
  t.teardown(() => service.close())
  const lines: string[] = []
  const { gateway } = await build(t, {
    upstreams: { identity: url, resumes: url, media: url, sms: url },
    logLevel: 'info',
    logStream: { write: (line) => { lines.push(line) } }
  })
  const address = await listening(gateway)
  const closed: Array<Promise<unknown>> = []
  gateway.server.on('request', (request: IncomingMessage) => {
    closed.push(new Promise((resolve) => request.once('close', resolve)))
  })

  // Twenty logins abandoned halfway through their bodies.
  for (let i = 0; i < 20; i++) {
    const socket = await rawConnection(t, address)
    socket.write('POST /users/login HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n' +
      'Content-Length: 60\r\n\r\n{"login_name":"driver')
    while (closed.length <= i) await new Promise((resolve) => setImmediate(resolve))
    socket.destroy()
  }
  await Promise.all(closed)
  // A request after them all: its line comes after anything the abandoned ones wrote.
  const after = await send(address, 'GET', '/users/1')
  t.equal(after.status, 200)

  const written = lines.map((line) => JSON.parse(line) as { level: string, msg: string, url?: string, route?: string })
  const aborted = written.filter((line) => line.msg === 'client aborted')
  t.equal(aborted.length, 20, 'one line for each')
  t.ok(aborted.every((line) => line.level === 'info' && line.url === '/users/login' && line.route === '/users/*'),
    'at info, with the URL and the route')
  t.same(written.filter((line) => WARNINGS.has(line.level)), [], 'no warning, no error')
  const ofService = serviceLines.map((line) => JSON.parse(line) as { level: string, url?: string })
  t.same(ofService.filter((line) => WARNINGS.has(line.level)), [], 'the service logged no warning or error')
  t.ok(ofService.some((line) => line.url === '/users/1'), 'its request lines are there')
  t.notOk(ofService.some((line) => line.url === '/users/login'), 'but none of an unfinished login')
})
