import t from 'tap'
import { connect } from 'node:net'
import { createApp, wxEnvelope } from '../src/index.js'

/** Sends raw bytes and reads the whole answer, as a client below HTTP would. */
async function raw (port: number, request: string): Promise<{ status: number, headers: string, body: string }> {
  const socket = connect(port, '127.0.0.1')
  socket.end(request)
  let answer = ''
  for await (const chunk of socket) answer += String(chunk)
  const [head = '', body = ''] = answer.split('\r\n\r\n')
  return { status: Number(head.split(' ')[1]), headers: head, body }
}

t.test("requests Node's parser refuses are answered in the envelope of their path", async (t) => {
  const app = createApp({ service: 'test', logLevel: 'silent' })
  app.register(async (wx) => { await wx.register(wxEnvelope) }, { prefix: '/wx' })
  await app.listen({ host: '127.0.0.1', port: 0 })
  t.teardown(() => app.close())
  const { port } = app.server.address() as { port: number }

  const huge = await raw(port, `GET /wx/sms/get HTTP/1.1\r\nHost: x\r\nX-Pad: ${'a'.repeat(20_000)}\r\n\r\n`)
  t.equal(huge.status, 431)
  t.match(huge.headers, /content-type: application\/json/i)
  t.same(JSON.parse(huge.body), { message: '请求头过大', code: 'KIT_HEADERS_TOO_LARGE' })

  const broken = await raw(port, 'GET /users/1 HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n')
  t.equal(broken.status, 400)
  t.same(JSON.parse(broken.body), { result: 0, msg: '请求格式错误', code: 'KIT_BAD_REQUEST' })
})
