import t from 'tap'
import { ASSERTION_HEADER, verifyAssertion } from '@driver/kit'
import { ASSERTION_SECRET, USER_ID, build, type SeenRequest } from './helper.js'

const single = (value: string | string[] | undefined): string => typeof value === 'string' ? value : ''

t.test('what the gateway forwards carries its signature over the user, client IP, request id, method ' +
  'and URL', async (t) => {
  const { gateway, sign } = await build(t)
  const session = await sign({ sub: USER_ID })
  for (const [url, headers] of [
    ['/wx/sms/get?phone=1', { authorization: `Bearer ${session}`, 'x-wx-user-id': 'aaaaaaaaaaaaaaaaaaaaaaaa' }],
    ['/users/login', { 'x-gateway-assertion': '1700000000000.forged', 'x-client-ip': '1.2.3.4' }]
  ] as const) {
    const response = await gateway.inject({
      method: 'POST', url, headers, remoteAddress: '10.1.1.7', payload: { a: 1 }
    })
    const seen = response.json<SeenRequest>()
    const assertion = {
      method: 'POST',
      url,
      requestId: single(seen.headers['x-request-id']),
      clientIp: single(seen.headers['x-client-ip']),
      wxUserId: url.startsWith('/wx') ? USER_ID : undefined
    }
    t.equal(assertion.clientIp, '10.1.1.7', `${url}: the client IP the gateway derived`)
    const signature = single(seen.headers[ASSERTION_HEADER])
    t.ok(verifyAssertion(ASSERTION_SECRET, signature, assertion), `${url}: a valid signature, whatever the client sent`)
    t.notOk(verifyAssertion('another-secret-of-at-least-32-chars', signature, assertion), 'only for the shared secret')
    const otherUrl = { ...assertion, url: '/users/token' }
    t.notOk(verifyAssertion(ASSERTION_SECRET, signature, otherUrl), 'and only for this URL')
  }
})
