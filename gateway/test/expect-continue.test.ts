import t from 'tap'
import { once } from 'node:events'
import { connect } from 'node:net'
import { USER_ID, build, type SeenRequest } from './helper.js'
import { listening, send } from './sockets.js'

t.test('a client that sends Expect: 100-continue gets 100 from the gateway, then the service\'s answer', async (t) => {
  const { gateway, sign } = await build(t)
  const address = await listening(gateway)
  const body = Buffer.from('{"real_name":"张三"}')
  const headers = { expect: '100-continue', 'content-type': 'application/json', 'content-length': String(body.length) }

  const users = await send(address, 'POST', '/users/register', { headers, body, expectContinue: true })
  t.ok(users.continued, 'the gateway said 100 Continue')
  t.equal(users.status, 200)
  const seen = JSON.parse(users.body) as SeenRequest
  t.equal(seen.service, 'identity')
  t.same(seen.body, { real_name: '张三' }, 'the body arrived whole')
  t.equal(seen.headers.expect, undefined, 'the expectation was met at the gateway, not passed on')

  const withSession = { ...headers, authorization: `Bearer ${sign({ sub: USER_ID })}` }
  const wx = await send(address, 'POST', '/wx/resume/opt', { headers: withSession, body, expectContinue: true })
  t.equal(wx.status, 200)
  t.equal((JSON.parse(wx.body) as SeenRequest).service, 'resumes')
})

t.test('Expect on a request without a body is not a failure either', async (t) => {
  const { gateway } = await build(t)
  const response = await gateway.inject({ method: 'GET', url: '/users/1', headers: { expect: '100-continue' } })
  t.equal(response.statusCode, 200)
  t.equal(response.json<SeenRequest>().headers.expect, undefined)
})

/** The first thing the gateway answers to headers sent alone, with the expectation. */
async function firstAnswer (address: { host: string, port: number }, head: string): Promise<string> {
  const socket = connect(address.port, address.host)
  socket.on('error', () => { /* the gateway may close after its refusal */ })
  socket.setEncoding('utf8')
  socket.write(head)
  const [chunk] = await once(socket, 'data') as [string]
  socket.destroy()
  return chunk
}

t.test('Expect: 100-continue with a length over the route\'s limit is 413 at once, without 100 Continue', async (t) => {
  const { gateway, origins, sign } = await build(t)
  const address = await listening(gateway)
  let seenByServices = 0
  for (const origin of Object.values(origins)) origin.app.server.on('request', () => { seenByServices++ })

  const users = await firstAnswer(address, 'POST /users/register HTTP/1.1\r\nHost: gateway\r\n' +
    'Expect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n')
  t.match(users, /^HTTP\/1\.1 413 /)
  t.match(users, /\r\nconnection: close\r\n/i, 'the body it did not ask for is not read as another request')
  t.match(users, /"code":"KIT_PAYLOAD_TOO_LARGE"/)

  // An upload route has its own, larger limit: above the others', within its own, it is continued.
  const authorization = `Bearer ${sign({ sub: USER_ID })}`
  const photo = Buffer.alloc(200 * 1024, 'x')
  const uploaded = await send(address, 'POST', '/wx/resume_image/save/head_image', {
    headers: {
      // The stand-in service reads text, not octet streams.
      expect: '100-continue', authorization, 'content-type': 'text/plain', 'content-length': String(photo.length)
    },
    body: photo,
    expectContinue: true
  })
  t.ok(uploaded.continued, 'within the upload limit: 100 Continue')
  t.equal(uploaded.status, 200)
  t.equal((JSON.parse(uploaded.body) as SeenRequest).service, 'media')

  const tooLarge = await firstAnswer(address, 'POST /wx/resume_image/save/head_image HTTP/1.1\r\nHost: gateway\r\n' +
    `Authorization: ${authorization}\r\nExpect: 100-continue\r\nContent-Type: application/octet-stream\r\n` +
    'Content-Length: 300000\r\n\r\n')
  t.match(tooLarge, /^HTTP\/1\.1 413 /)
  t.match(tooLarge, /\{"message":"请求内容过大","code":"KIT_PAYLOAD_TOO_LARGE"\}$/)
  t.equal(seenByServices, 1, 'only the photo within the limit reached a service')
})

t.test('Expect: 100-continue without a session is 401 without 100 Continue', async (t) => {
  const { gateway } = await build(t)
  const address = await listening(gateway)
  const answer = await firstAnswer(address, 'POST /wx/resume/opt HTTP/1.1\r\nHost: gateway\r\n' +
    'Expect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n')
  t.match(answer, /^HTTP\/1\.1 401 /)
})
