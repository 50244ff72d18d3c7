import t from 'tap'
import type { IncomingMessage } from 'node:http'
import { connect } from 'node:net'
import { createApp } from '../src/index.js'

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

  const written = lines.map((line) => JSON.parse(line) as { level: number, msg: string })
  t.equal(written.filter((line) => line.msg === 'client aborted' && line.level === 30).length, 1)
  t.same(written.filter((line) => line.level >= 40), [])
  t.notOk(written.some((line) => line.msg === 'request refused'), 'nothing was refused: nobody was there to hear it')
})
