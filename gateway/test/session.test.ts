import t from 'tap'
import { createSigner } from 'fast-jwt'
import { createSessionSigner, generateSessionKeyPair } from '@driver/kit/session'
import { USER_ID, buildTestGateway, type SeenRequest } from './helper.js'

t.test('a /wx route without a session answers 401 未登录', async (t) => {
  const { gateway } = await buildTestGateway(t)
  const response = await gateway.inject({ method: 'POST', url: '/wx/resume/opt', payload: { real_name: '张三' } })
  t.equal(response.statusCode, 401)
  t.same(JSON.parse(response.body), { message: '未登录', code: 'KIT_UNAUTHORIZED' })
  t.equal(response.headers['content-type'], 'text/plain; charset=utf-8', 'jQuery gets text it can JSON.parse')

  const asJson = await gateway.inject({ method: 'POST', url: '/wx/resume/opt', headers: { accept: 'application/json' } })
  t.match(asJson.headers['content-type'], /^application\/json/, 'a client asking for JSON gets JSON')
})

t.test('a valid session in the cookie or as a bearer token passes the user on', async (t) => {
  const { gateway, sign } = await buildTestGateway(t)
  const token = sign({ sub: USER_ID })
  const byCookie = await gateway.inject({ method: 'GET', url: '/wx/self_info/view', cookies: { wx_session: token } })
  t.equal(byCookie.statusCode, 200)
  t.equal(byCookie.json<SeenRequest>().headers['x-wx-user-id'], USER_ID)

  const byBearer = await gateway.inject({ method: 'GET', url: '/wx/self_info/view', headers: { authorization: `Bearer ${token}` } })
  t.equal(byBearer.json<SeenRequest>().headers['x-wx-user-id'], USER_ID)
})

t.test('a session signed with another key is refused', async (t) => {
  const { gateway } = await buildTestGateway(t)
  const forged = (await createSessionSigner(generateSessionKeyPair().privateKey))({ sub: USER_ID })
  const response = await gateway.inject({ method: 'GET', url: '/wx/self_info/view', cookies: { wx_session: forged } })
  t.equal(response.statusCode, 401)
  t.equal(JSON.parse(response.body).message, '未登录')
})

t.test('a symmetric token (alg confusion) and a tampered token are refused', async (t) => {
  const { gateway, sign, publicKey } = await buildTestGateway(t)
  const hs256 = createSigner({ key: publicKey, algorithm: 'HS256' })({ sub: USER_ID })
  t.equal((await gateway.inject({ method: 'GET', url: '/wx/self_info/view', cookies: { wx_session: hs256 } })).statusCode, 401)

  const [header, , signature] = sign({ sub: USER_ID }).split('.')
  const otherPayload = Buffer.from(JSON.stringify({ sub: 'ffffffffffffffffffffffff', iat: 1 })).toString('base64url')
  const tampered = `${header}.${otherPayload}.${signature}`
  t.equal((await gateway.inject({ method: 'GET', url: '/wx/self_info/view', cookies: { wx_session: tampered } })).statusCode, 401)
})

t.test('an expired session is refused', async (t) => {
  const { gateway, privateKey } = await buildTestGateway(t)
  const expired = createSigner({ key: privateKey, algorithm: 'ES256' })({ sub: USER_ID, exp: Math.floor(Date.now() / 1000) - 60 })
  t.equal((await gateway.inject({ method: 'GET', url: '/wx/self_info/view', cookies: { wx_session: expired } })).statusCode, 401)
})

t.test('a session whose subject is not a user id is refused', async (t) => {
  const { gateway, sign } = await buildTestGateway(t)
  const response = await gateway.inject({ method: 'GET', url: '/wx/self_info/view', cookies: { wx_session: sign({ sub: '{"$ne":null}' }) } })
  t.equal(response.statusCode, 401)
})

t.test('a forged user header is overwritten on /wx and removed elsewhere', async (t) => {
  const { gateway, sign } = await buildTestGateway(t)
  const withSession = await gateway.inject({
    method: 'GET', url: '/wx/self_info/view', cookies: { wx_session: sign({ sub: USER_ID }) }, headers: { 'x-wx-user-id': 'aaaaaaaaaaaaaaaaaaaaaaaa' }
  })
  t.equal(withSession.json<SeenRequest>().headers['x-wx-user-id'], USER_ID)

  const login = await gateway.inject({ method: 'GET', url: '/wx/auth/login', headers: { 'x-wx-user-id': 'aaaaaaaaaaaaaaaaaaaaaaaa' } })
  t.equal(login.statusCode, 200, 'the login route needs no session')
  t.equal(login.json<SeenRequest>().headers['x-wx-user-id'], undefined)

  const users = await gateway.inject({ method: 'GET', url: '/users/1', headers: { 'x-wx-user-id': 'aaaaaaaaaaaaaaaaaaaaaaaa' } })
  t.equal(users.json<SeenRequest>().headers['x-wx-user-id'], undefined)
})
