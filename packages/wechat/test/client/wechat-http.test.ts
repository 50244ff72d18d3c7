import { waitFor } from '@driver/testing'
import { Type } from 'typebox'
import t, { type Test } from 'tap'
import { createWechatHttp } from '../../src/client/wechat-http.js'
import { WECHAT_NOT_BYTES_ERRCODE, WechatError, WechatTransportErrcode } from '../../src/wechat-error.js'
import { startRawServer, unreachableUrl, type RawBehaviour } from '../fixtures/raw-server.js'
import { consume, rejection } from '../helper.js'

const Answer = Type.Object({ access_token: Type.String(), expires_in: Type.Integer() })
const query = { appid: 'wx-app', secret: 'the-app-secret-value' }

async function httpTo (t: Test, behaviour: RawBehaviour, timeoutMs = 2000) {
  const server = await startRawServer(behaviour)
  t.teardown(server.close)
  const http = createWechatHttp({ apiUrl: server.url, timeoutMs })
  t.teardown(http.close)
  return { http, server }
}

const errorJson = (errcode: number, errmsg: string) => JSON.stringify({ errcode, errmsg })

t.test('a JSON answer that matches its schema is returned, the query sent as given', async (t) => {
  const { http, server } = await httpTo(t, {
    status: 200, contentType: 'application/json', body: '{"access_token":"AT","expires_in":7200,"extra":1}'
  })
  t.match(await http.json('/cgi-bin/token', query, Answer), { access_token: 'AT', expires_in: 7200 })
  t.same(server.received, ['/cgi-bin/token?appid=wx-app&secret=the-app-secret-value'])
})

t.test('an API base with a path keeps it', async (t) => {
  const server = await startRawServer({ status: 200, body: '{"access_token":"AT","expires_in":7200}' })
  t.teardown(server.close)
  const http = createWechatHttp({ apiUrl: `${server.url}/wechat/`, timeoutMs: 2000 })
  t.teardown(http.close)
  await http.json('/cgi-bin/token', {}, Answer)
  t.same(server.received, ['/wechat/cgi-bin/token'])
})

t.test('WeChat’s error answer is a WechatError with its errcode, whatever the content type', async (t) => {
  for (const contentType of ['application/json; encoding=utf-8', 'text/plain', undefined]) {
    const { http } = await httpTo(t, { status: 200, contentType, body: errorJson(40013, 'invalid appid rid: 1-2') })
    const error = await rejection(http.json('/cgi-bin/token', query, Answer))
    t.ok(error instanceof WechatError, String(contentType))
    t.match(error, {
      code: 'WECHAT_ERROR',
      errcode: 40013,
      errmsg: 'invalid appid rid: 1-2',
      api: '/cgi-bin/token',
      message: 'WeChat /cgi-bin/token failed: 40013 invalid appid rid: 1-2'
    })
  }
})

t.test('an errmsg that echoes a secret of the query is redacted', async (t) => {
  const { http } = await httpTo(t, { status: 200, body: errorJson(40125, 'invalid appsecret the-app-secret-value, view more at https://…') })
  const error = await rejection(http.json('/cgi-bin/token', query, Answer)) as WechatError
  t.equal(error.errcode, 40125)
  t.notOk(error.errmsg.includes('the-app-secret-value'))
  t.notOk(error.message.includes('the-app-secret-value'))
})

t.test('answers that are not WeChat’s are WechatErrors with the bad-answer errcode', async (t) => {
  const cases: Array<[string, RawBehaviour, RegExp]> = [
    ['an HTTP error page', { status: 502, contentType: 'text/html', body: '<html>Bad Gateway</html>' }, /HTTP 502/],
    ['not JSON', { status: 200, contentType: 'text/plain', body: 'OK' }, /not a JSON object/],
    ['a JSON array', { status: 200, body: '[1,2]' }, /not a JSON object/],
    ['the wrong shape', { status: 200, body: '{"access_token":42,"expires_in":7200}' }, /unexpected shape/],
    ['a field missing', { status: 200, body: '{"access_token":"AT"}' }, /unexpected shape/],
    ['too large', { status: 200, body: `{"access_token":"${'A'.repeat(70_000)}","expires_in":1}` }, /larger than/]
  ]
  for (const [what, behaviour, errmsg] of cases) {
    const { http } = await httpTo(t, behaviour)
    const error = await rejection(http.json('/cgi-bin/token', query, Answer))
    t.ok(error instanceof WechatError, what)
    t.match(error, { errcode: WechatTransportErrcode.badAnswer, errmsg }, what)
  }
})

t.test('an HTTP error status with WeChat’s error body keeps WeChat’s errcode', async (t) => {
  const { http } = await httpTo(t, { status: 503, body: errorJson(-1, 'system error') })
  t.match(await rejection(http.json('/cgi-bin/token', query, Answer)), { errcode: -1, errmsg: 'system error' })
})

t.test('a server that never answers is a timeout', async (t) => {
  const { http } = await httpTo(t, { hang: true }, 200)
  const started = Date.now()
  const error = await rejection(http.json('/cgi-bin/token', query, Answer))
  t.match(error, { errcode: WechatTransportErrcode.timeout, errmsg: 'no answer within 200 ms' })
  t.ok(Date.now() - started < 2000, 'given up soon after the timeout')
  t.match(await rejection(http.bytes('/cgi-bin/media/get', query)), { errcode: WechatTransportErrcode.timeout })
})

t.test('an address nothing listens on is unreachable', async (t) => {
  const http = createWechatHttp({ apiUrl: await unreachableUrl(), timeoutMs: 2000 })
  t.teardown(http.close)
  const error = await rejection(http.json('/cgi-bin/token', query, Answer))
  t.ok(error instanceof WechatError)
  t.match(error, { errcode: WechatTransportErrcode.unreachable, errmsg: /unreachable \(ECONNREFUSED\)/ })
  t.match(await rejection(http.bytes('/cgi-bin/media/get', query)), { errcode: WechatTransportErrcode.unreachable })
})

t.test('bytes are handed out streamed with their type and length', async (t) => {
  const { http } = await httpTo(t, {
    status: 200, contentType: 'image/jpeg', body: Buffer.from([0xff, 0xd8, 0xff, 0xd9])
  })
  const media = await http.bytes('/cgi-bin/media/get', query)
  t.equal(media.contentType, 'image/jpeg')
  t.equal(media.contentLength, 4)
  t.same([...(await consume(media.body)).bytes], [0xff, 0xd8, 0xff, 0xd9])
})

t.test('where bytes were expected, a JSON or text answer is never handed out as bytes', async (t) => {
  const cases: Array<[string, RawBehaviour, number]> = [
    [
      'WeChat’s error as text/plain',
      { status: 200, contentType: 'text/plain', body: errorJson(40007, 'invalid media_id') }, 40007
    ],
    [
      'WeChat’s error as JSON',
      { status: 200, contentType: 'application/json', body: errorJson(40007, 'invalid media_id') }, 40007
    ],
    ['a video’s JSON answer', { status: 200, contentType: 'application/json', body: '{"video_url":"http://…"}' }, WECHAT_NOT_BYTES_ERRCODE],
    [
      'plain text',
      { status: 200, contentType: 'text/html', body: '<html>maintenance</html>' }, WechatTransportErrcode.badAnswer
    ],
    [
      'an HTTP error with image bytes',
      { status: 404, contentType: 'image/jpeg', body: 'nothing' }, WechatTransportErrcode.badAnswer
    ]
  ]
  for (const [what, behaviour, errcode] of cases) {
    const { http } = await httpTo(t, behaviour)
    t.match(await rejection(http.bytes('/cgi-bin/media/get', query)), { errcode, api: '/cgi-bin/media/get' }, what)
  }
})

t.test('bytes that stop coming fail the stream with a timeout WechatError', async (t) => {
  const { http } = await httpTo(t, {
    stallAfter: Buffer.alloc(1000, 1), contentType: 'image/jpeg', contentLength: 100_000
  }, 200)
  const media = await http.bytes('/cgi-bin/media/get', query)
  const error = await rejection(consume(media.body))
  t.ok(error instanceof WechatError)
  t.match(error, { errcode: WechatTransportErrcode.timeout })
})

t.test('the caller’s abort rejects with the caller’s reason, before and during the bytes', async (t) => {
  const hanging = await httpTo(t, { hang: true })
  const controller = new AbortController()
  const pending = rejection(hanging.http.bytes('/cgi-bin/media/get', query, controller.signal))
  controller.abort(new Error('the driver went away'))
  t.match(await pending, { message: 'the driver went away' })

  const stalling = await httpTo(t, { stallAfter: Buffer.alloc(10), contentType: 'image/jpeg', contentLength: 100 })
  const during = new AbortController()
  const media = await stalling.http.bytes('/cgi-bin/media/get', query, during.signal)
  const reading = rejection(consume(media.body))
  during.abort(new Error('cancelled'))
  t.match(await reading, { message: 'cancelled' })
})

t.test('a consumer that stops reading releases the download', async (t) => {
  const { http, server } = await httpTo(t, {
    stallAfter: Buffer.alloc(10), contentType: 'image/jpeg', contentLength: 100
  })
  const media = await http.bytes('/cgi-bin/media/get', query)
  media.body.destroy()
  await waitFor('the connection to be dropped', () => server.abandoned() === 1)
  t.pass('the download is dropped without waiting for the rest')
})
