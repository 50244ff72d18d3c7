import t from 'tap'
import type { IncomingMessage } from 'node:http'
import { connect } from 'node:net'
import { createApp, createError } from '../src/index.js'

t.test('a service whose client hangs up mid-body logs one info line, "client aborted", and no error', async (t) => {
  const lines: string[] = []
  const app = createApp({ service: 'test', logLevel: 'info', logStream: { write: (line) => { lines.push(line) } } })
  app.post('/users/login', async () => ({ result: 1 }))
  await app.listen({ host: '127.0.0.1', port: 0 })
  t.teardown(() => app.close())
  const { port } = app.server.address() as { port: number }
  const closed = new Promise((resolve) => {
    app.server.once('request', (request: IncomingMessage) => request.once('close', resolve))
  })

  const socket = connect(port, '127.0.0.1')
  socket.on('error', () => { /* the reset is the point */ })
  socket.write('POST /users/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
    'Content-Length: 60\r\n\r\n{"a":')
  app.server.once('request', () => socket.destroy())
  await closed
  await app.inject({ method: 'GET', url: '/healthz' })

  const written = lines.map((line) => JSON.parse(line) as { level: string, msg: string, code?: string })
  const aborted = written.filter((line) => line.msg === 'client aborted')
  t.equal(aborted.length, 1)
  t.match(aborted[0], { level: 'info', method: 'POST', route: '/users/login', url: '/users/login' })
  t.notOk(aborted[0] && 'status' in aborted[0], 'no status: nothing was answered')
  t.same(written.filter((line) => ['warn', 'error', 'fatal'].includes(line.level)), [])
  t.notOk(written.some((line) => line.code !== undefined), 'nothing was refused: nobody was there to hear it')
  t.notOk(written.some((line) => line.msg === 'request' && line.level === 'info'), 'and no other request line')
})

t.test('a request whose client leaves before its refusal is answered writes one line, "client aborted"', async (t) => {
  const lines: string[] = []
  let logged: () => void = () => {}
  const downloadLogged = new Promise<void>((resolve) => { logged = resolve })
  const app = createApp({
    service: 'test',
    logLevel: 'info',
    logStream: { write: (line) => { lines.push(line); if (line.includes('/wx/download')) logged() } }
  })
  const Abandoned = createError('TEST_ABANDONED', '请求已取消', 400)
  app.get('/wx/download', async (request) => {
    await new Promise((resolve) => request.raw.socket.once('close', resolve))
    throw new Abandoned()
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  t.teardown(() => app.close())
  const { port } = app.server.address() as { port: number }

  const socket = connect(port, '127.0.0.1')
  socket.on('error', () => { /* the reset is the point */ })
  app.server.once('request', () => socket.destroy())
  socket.write('GET /wx/download HTTP/1.1\r\nHost: x\r\n\r\n')
  await downloadLogged
  // A request after it: anything the abandoned one still had to write comes before this one's line.
  await app.inject({ method: 'GET', url: '/users/after' })

  const written = lines.map((line) => JSON.parse(line) as { msg: string, url?: string })
  t.match(written.at(-1), { url: '/users/after', status: 404 })
  const ofDownload = written.filter((line) => line.url === '/wx/download')
  t.equal(ofDownload.length, 1, 'one line')
  t.match(ofDownload[0], { level: 'info', msg: 'client aborted', route: '/wx/download', code: 'TEST_ABANDONED' })
  t.notOk(ofDownload[0] && 'status' in ofDownload[0], 'no status: nothing was answered')
  t.same(written.filter((line) => !/^(request|client aborted|Server listening at .*)$/.test(line.msg)), [],
    'and no other line (no error)')
})
