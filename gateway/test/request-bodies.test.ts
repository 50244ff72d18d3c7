import t from 'tap'
import type { Socket } from 'node:net'
import { USER_ID, build, type SeenRequest } from './helper.js'
import { listening, rawConnection, send } from './sockets.js'

const SLOW_CLIENT = '203.0.113.66'
const OTHER_CLIENT = '198.51.100.7'

t.test('slow bodies held from one address do not stop another address from being served', {
  timeout: 15_000
}, async (t) => {
  const { gateway, origins } = await build(t, { trustProxy: ['127.0.0.1'] })
  const address = await listening(gateway)
  let slowSeenByService = 0
  origins.identity.app.server.on('request', (request: { url?: string }) => {
    if (request.url === '/users/slow') slowSeenByService++
  })
  let arrived = 0
  gateway.server.on('request', (request: { url?: string }) => { if (request.url === '/users/slow') arrived++ })

  // More than the connections the gateway keeps to one service: each declares 50,000 bytes (within the
  // limit) and sends one.
  const held: Socket[] = []
  for (let i = 0; i < 200; i++) {
    const socket = await rawConnection(t, address)
    socket.write(`POST /users/slow HTTP/1.1\r\nHost: gateway\r\nX-Forwarded-For: ${SLOW_CLIENT}\r\n` +
      'Content-Type: text/plain\r\nContent-Length: 50000\r\n\r\nx')
    held.push(socket)
  }
  while (arrived < held.length) await new Promise((resolve) => setImmediate(resolve))

  const read = await send(address, 'GET', '/users/x', { headers: { 'x-forwarded-for': OTHER_CLIENT } })
  t.equal(read.status, 200)
  t.equal((JSON.parse(read.body) as SeenRequest).headers['x-client-ip'], OTHER_CLIENT)
  const write = await send(address, 'POST', '/users/register', {
    headers: { 'x-forwarded-for': OTHER_CLIENT, 'content-type': 'application/json' },
    body: Buffer.from('{"a":1}')
  })
  t.equal(write.status, 200)
  t.same((JSON.parse(write.body) as SeenRequest).body, { a: 1 })
  t.equal(slowSeenByService, 0, 'no unfinished body reached the service')
  for (const socket of held) socket.destroy()
})

t.test('a chunked body is passed on whole once it has arrived, within the limit', async (t) => {
  const { gateway } = await build(t)
  const address = await listening(gateway)
  const body = Buffer.from(JSON.stringify({ text: 'x'.repeat(60 * 1024) }))
  const answer = await send(address, 'POST', '/users/register', {
    headers: { 'content-type': 'application/json' }, body, chunkSize: 4096
  })
  t.equal(answer.status, 200)
  const seen = JSON.parse(answer.body) as SeenRequest
  t.equal(seen.headers['content-length'], String(body.length), 'the service gets a length, not chunks')
  t.equal(seen.headers['transfer-encoding'], undefined)
  t.same(seen.body, { text: 'x'.repeat(60 * 1024) })
})

t.test('a chunked body over the limit is 413 every time, and never reaches the service', async (t) => {
  const { gateway, origins, sign } = await build(t)
  const address = await listening(gateway)
  let seenByService = 0
  origins.identity.app.server.on('request', () => { seenByService++ })
  const twoMegabytes = Buffer.alloc(2 * 1024 * 1024, 'x')
  const statuses: Array<number | string> = []
  for (let i = 0; i < 20; i++) {
    const answer = await send(address, 'POST', '/users/register', {
      headers: { 'content-type': 'text/plain' }, body: twoMegabytes, chunkSize: 64 * 1024
    }).catch((error: NodeJS.ErrnoException) => ({ status: error.code ?? 'error', body: '' }))
    statuses.push(answer.status)
    if (i === 0) t.same(JSON.parse(answer.body), { result: 0, msg: '请求内容过大', code: 'KIT_PAYLOAD_TOO_LARGE' })
  }
  t.same(statuses, Array(20).fill(413))
  t.equal(seenByService, 0)

  const upload = await send(address, 'POST', '/wx/resume_image/save/head_image', {
    headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${sign({ sub: USER_ID })}` },
    body: twoMegabytes,
    chunkSize: 64 * 1024
  })
  t.equal(upload.status, 413, 'the upload limit holds for chunked photos too')
  t.same(JSON.parse(upload.body), { message: '请求内容过大', code: 'KIT_PAYLOAD_TOO_LARGE' })
})

t.test('a declared body over the limit is refused before it is read', async (t) => {
  const { gateway } = await build(t)
  const address = await listening(gateway)
  const socket = await rawConnection(t, address)
  socket.write('POST /users/register HTTP/1.1\r\nHost: gateway\r\nContent-Type: text/plain\r\n' +
    'Content-Length: 2000000\r\n\r\n')
  socket.setEncoding('utf8')
  const [first] = await new Promise<string[]>((resolve) => socket.once('data', (chunk: string) => resolve([chunk])))
  t.match(first, /^HTTP\/1\.1 413 /)
})
