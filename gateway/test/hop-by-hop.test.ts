import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { build, type TestGateway } from './helper.js'
import { listening, rawConnection, readUntilClosed, send } from './sockets.js'

type Tap = { teardown: (fn: () => unknown) => void }

/** Every service answers with connection-level headers of its own, which are for the gateway only. */
async function chattyServices (t: Tap): Promise<TestGateway> {
  const server = createServer((request, response) => {
    request.resume()
    response.writeHead(200, {
      'content-type': 'application/json',
      connection: 'keep-alive, x-hop-secret',
      'keep-alive': 'timeout=77',
      'x-hop-secret': 'for the gateway only',
      'proxy-connection': 'keep-alive',
      'x-end-to-end': 'for the client'
    }).end('{"result":1}')
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(() => { server.closeAllConnections(); server.close() })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return build(t, { upstreams: { identity: url, resumes: url, media: url, sms: url } })
}

t.test('connection-level headers of a service do not reach the client', async (t) => {
  const { gateway } = await chattyServices(t)
  const address = await listening(gateway)
  const answer = await send(address, 'GET', '/users/1')
  t.equal(answer.status, 200)
  t.equal(answer.headers['x-end-to-end'], 'for the client')
  t.equal(answer.headers['x-hop-secret'], undefined, 'a header the service named in Connection')
  t.equal(answer.headers['proxy-connection'], undefined)
  t.not(answer.headers['keep-alive'], 'timeout=77', 'the keep-alive terms are the gateway\'s own')
  t.not(answer.headers.connection, 'keep-alive, x-hop-secret')
})

t.test('a client that asks for Connection: close gets it, and the connection ends after the answer', async (t) => {
  const { gateway } = await chattyServices(t)
  const address = await listening(gateway)
  const socket = await rawConnection(t, address)
  socket.write('GET /users/1 HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n\r\n')
  // Had the gateway kept the connection open, this second request would be answered.
  socket.once('data', () => socket.write('GET /users/2 HTTP/1.1\r\nHost: gateway\r\n\r\n'))
  const received = await readUntilClosed(socket)
  const answers = received.match(/^HTTP\/1\.1 \d+/gm) ?? []
  t.same(answers, ['HTTP/1.1 200'], 'one answer on the connection')
  t.match(received, /\r\nconnection: close\r\n/i)
  t.notMatch(received, /keep-alive: timeout=77/i)
})
