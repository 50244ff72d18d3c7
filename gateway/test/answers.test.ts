import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { build, type TestGateway } from './helper.js'
import { listening, send } from './sockets.js'

type Tap = { teardown: (fn: () => unknown) => void }
type Answer = (request: IncomingMessage, response: ServerResponse) => void

/** Every service is one plain server answering by path, as the test says. */
async function servicesAnswering (t: Tap, answers: Record<string, Answer>): Promise<TestGateway> {
  const server = createServer((request, response) => {
    request.resume()
    const answer = answers[(request.url ?? '').split('?')[0] ?? '']
    if (answer) answer(request, response)
    else response.writeHead(404).end()
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(() => { server.closeAllConnections(); server.close() })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return build(t, { upstreams: { identity: url, resumes: url, media: url, sms: url } })
}

const photo = Buffer.alloc(1024 * 1024, 7)
const JPEG = { 'content-type': 'image/jpeg', 'content-length': photo.length }
const SMALL_JSON = { 'content-type': 'application/json', 'content-length': 12 }

t.test('large answers stream through whole, with their length; small and unsized ones too', async (t) => {
  const { gateway } = await servicesAnswering(t, {
    '/users/photo': (_request, response) => { response.writeHead(200, JPEG).end(photo) },
    '/users/small': (_request, response) => { response.writeHead(200, SMALL_JSON).end('{"result":1}') },
    '/users/unsized': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' })
      response.write('first ')
      setImmediate(() => response.end('second'))
    }
  })
  const large = await gateway.inject({ method: 'GET', url: '/users/photo' })
  t.equal(large.statusCode, 200)
  t.equal(large.headers['content-length'], String(photo.length))
  t.ok(large.rawPayload.equals(photo), 'the bytes are the service\'s')

  const small = await gateway.inject({ method: 'GET', url: '/users/small' })
  t.equal(small.headers['content-length'], '12')
  t.same(small.json(), { result: 1 })

  const unsized = await gateway.inject({ method: 'GET', url: '/users/unsized' })
  t.equal(unsized.body, 'first second')
})

t.test('HEAD answers keep the length of what GET would send', async (t) => {
  const { gateway } = await servicesAnswering(t, {
    '/users/photo': (_request, response) => { response.writeHead(200, JPEG).end() },
    '/users/small': (_request, response) => { response.writeHead(200, SMALL_JSON).end() }
  })
  const address = await listening(gateway)
  for (const [path, length] of [['/users/photo', photo.length], ['/users/small', 12]] as const) {
    const answer = await send(address, 'HEAD', path)
    t.equal(answer.status, 200, path)
    t.equal(answer.headers['content-length'], String(length), path)
    t.equal(answer.body, '')
  }
})

t.test('every Set-Cookie of an answer reaches the client, and answers without a body stay without one', async (t) => {
  const { gateway } = await servicesAnswering(t, {
    '/wx/auth/callback': (_request, response) => {
      const cookies = ['wx_session=abc; HttpOnly; Path=/', 'seen=1; Path=/']
      response.writeHead(302, { location: '/wx/home', 'set-cookie': cookies }).end()
    },
    '/users/none': (_request, response) => { response.writeHead(204).end() },
    '/users/same': (_request, response) => { response.writeHead(304, { etag: '"v1"' }).end() }
  })
  const login = await gateway.inject({ method: 'GET', url: '/wx/auth/callback?code=x' })
  t.equal(login.statusCode, 302)
  t.equal(login.headers.location, '/wx/home')
  t.same(login.headers['set-cookie'], ['wx_session=abc; HttpOnly; Path=/', 'seen=1; Path=/'])

  const none = await gateway.inject({ method: 'DELETE', url: '/users/none' })
  t.equal(none.statusCode, 204)
  t.equal(none.body, '')
  const same = await gateway.inject({ method: 'GET', url: '/users/same', headers: { 'if-none-match': '"v1"' } })
  t.equal(same.statusCode, 304)
  t.equal(same.headers.etag, '"v1"')
})

t.test('early hints from a service are not taken for its answer', async (t) => {
  const { gateway } = await servicesAnswering(t, {
    '/users/hinted': (_request, response) => {
      response.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' })
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"result":1}')
    }
  })
  const answer = await gateway.inject({ method: 'GET', url: '/users/hinted' })
  t.equal(answer.statusCode, 200)
  t.same(answer.json(), { result: 1 })
})

t.test('a service that breaks off its answer before the body is whole gives a 503', async (t) => {
  const { gateway } = await servicesAnswering(t, {
    '/users/broken': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': 100 })
      response.write('{"result":')
      setImmediate(() => response.destroy())
    }
  })
  const answer = await gateway.inject({ method: 'GET', url: '/users/broken' })
  t.equal(answer.statusCode, 503)
  t.same(answer.json(), { result: 0, msg: '服务暂不可用，请稍后再试', code: 'KIT_UPSTREAM_UNAVAILABLE' })
})
