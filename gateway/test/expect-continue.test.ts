import t from 'tap'
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
