import t from 'tap'
import { createSigner } from 'fast-jwt'
import { createSessionSigner, generateSessionKeyPair } from '@driver/kit/session'
import type { App } from '@driver/kit'
import { USER_ID, build, type SeenRequest } from './helper.js'

/** GET /wx/self_info/view with `token` as the session cookie. */
const viewWith = (gateway: App, token: string) =>
  gateway.inject({ method: 'GET', url: '/wx/self_info/view', cookies: { wx_session: token } })
const FORGED_USER = { 'x-wx-user-id': 'aaaaaaaaaaaaaaaaaaaaaaaa' }

t.test('a /wx route without a session answers 401 未登录', async (t) => {
  const { gateway } = await build(t)
  const response = await gateway.inject({ method: 'POST', url: '/wx/resume/opt', payload: { real_name: '张三' } })
  t.equal(response.statusCode, 401)
  t.same(JSON.parse(response.body), { message: '未登录', code: 'KIT_UNAUTHORIZED' })
  t.equal(response.headers['content-type'], 'text/plain; charset=utf-8', 'jQuery gets text it can JSON.parse')

  const asJson = await gateway.inject({
    method: 'POST', url: '/wx/resume/opt', headers: { accept: 'application/json' }
  })
  t.match(asJson.headers['content-type'], /^application\/json/, 'a client asking for JSON gets JSON')
})

t.test('a valid session in the cookie or as a bearer token passes the user on', async (t) => {
  const { gateway, sign } = await build(t)
  const token = sign({ sub: USER_ID })
  const byCookie = await viewWith(gateway, token)
  t.equal(byCookie.statusCode, 200)
  t.equal(byCookie.json<SeenRequest>().headers['x-wx-user-id'], USER_ID)

  const byBearer = await gateway.inject({
    method: 'GET', url: '/wx/self_info/view', headers: { authorization: `Bearer ${token}` }
  })
  t.equal(byBearer.json<SeenRequest>().headers['x-wx-user-id'], USER_ID)
})

t.test('a session signed with another key is refused', async (t) => {
  const { gateway } = await build(t)
  const forged = (await createSessionSigner(generateSessionKeyPair().privateKey))({ sub: USER_ID })
  const response = await viewWith(gateway, forged)
  t.equal(response.statusCode, 401)
  t.equal(JSON.parse(response.body).message, '未登录')
})

t.test('a symmetric token (alg confusion) and a tampered token are refused', async (t) => {
  const { gateway, sign, publicKey } = await build(t)
  const hs256 = createSigner({ key: publicKey, algorithm: 'HS256' })({ sub: USER_ID })
  t.equal((await viewWith(gateway, hs256)).statusCode, 401)

  const [header, , signature] = sign({ sub: USER_ID }).split('.')
  const otherPayload = Buffer.from(JSON.stringify({ sub: 'ffffffffffffffffffffffff', iat: 1 })).toString('base64url')
  const tampered = `${header}.${otherPayload}.${signature}`
  t.equal((await viewWith(gateway, tampered)).statusCode, 401)
})

t.test('an expired session is refused', async (t) => {
  const { gateway, privateKey } = await build(t)
  const expired = createSigner({ key: privateKey, algorithm: 'ES256' })({
    sub: USER_ID, exp: Math.floor(Date.now() / 1000) - 60
  })
  t.equal((await viewWith(gateway, expired)).statusCode, 401)
})

t.test('a session whose subject is not a user id is refused', async (t) => {
  const { gateway, sign } = await build(t)
  const response = await viewWith(gateway, sign({ sub: '{"$ne":null}' }))
  t.equal(response.statusCode, 401)
})

t.test('a forged user header is overwritten on /wx and removed elsewhere', async (t) => {
  const { gateway, sign } = await build(t)
  const withSession = await gateway.inject({
    method: 'GET', url: '/wx/self_info/view', cookies: { wx_session: sign({ sub: USER_ID }) }, headers: FORGED_USER
  })
  t.equal(withSession.json<SeenRequest>().headers['x-wx-user-id'], USER_ID)

  const login = await gateway.inject({ method: 'GET', url: '/wx/auth/login', headers: FORGED_USER })
  t.equal(login.statusCode, 200, 'the login route needs no session')
  t.equal(login.json<SeenRequest>().headers['x-wx-user-id'], undefined)

  const users = await gateway.inject({ method: 'GET', url: '/users/1', headers: FORGED_USER })
  t.equal(users.json<SeenRequest>().headers['x-wx-user-id'], undefined)
})

const nowSeconds = (): number => Math.floor(Date.now() / 1000)
const HOUR = 3600

/** The order of P-256: an ECDSA signature (r, s) also verifies as (r, n - s). */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n

/** The signature's s, and the token carrying the other s that verifies as well. */
function signatureTwin (token: string): { s: bigint, twin: string } {
  const [header, payload, signature = ''] = token.split('.')
  const bytes = Buffer.from(signature, 'base64url')
  const s = BigInt(`0x${bytes.subarray(32).toString('hex')}`)
  const otherS = Buffer.from((P256_ORDER - s).toString(16).padStart(64, '0'), 'hex')
  const other = Buffer.concat([bytes.subarray(0, 32), otherS])
  return { s, twin: `${header}.${payload}.${other.toString('base64url')}` }
}

const UNAUTHORIZED = { message: '未登录', code: 'KIT_UNAUTHORIZED' }

/**
 * A fast-jwt signer for claims the platform's signer would not write, its signatures low-S so only the
 * claims are judged.
 */
function claimsSigner (
  privateKey: string,
  options: { noTimestamp?: boolean } = {}
): (claims: Record<string, unknown>) => string {
  const signer = createSigner({ key: privateKey, algorithm: 'ES256', ...options })
  return (claims) => {
    const token = signer(claims)
    const { s, twin } = signatureTwin(token)
    return s > P256_ORDER / 2n ? twin : token
  }
}

t.test('a session must say when it expires, and not later than a session lasts', async (t) => {
  const { gateway, privateKey } = await build(t)
  const signer = claimsSigner(privateKey)
  const view = (token: string) => viewWith(gateway, token)

  for (const [name, token] of [
    ['without exp', signer({ sub: USER_ID })],
    ['expiring in a year', signer({ sub: USER_ID, exp: nowSeconds() + 365 * 24 * HOUR })],
    ['expiring in eight days', signer({ sub: USER_ID, exp: nowSeconds() + 8 * 24 * HOUR })]
  ] as const) {
    const response = await view(token)
    t.equal(response.statusCode, 401, name)
    t.same(JSON.parse(response.body), UNAUTHORIZED, `${name}: the /wx envelope`)
  }
  const anHour = await view(signer({ sub: USER_ID, exp: nowSeconds() + HOUR }))
  t.equal(anHour.statusCode, 200, 'an hour is within a session\'s lifetime')
  const aWeek = await view(signer({ sub: USER_ID, exp: nowSeconds() + 7 * 24 * HOUR }))
  t.equal(aWeek.statusCode, 200, 'a full week, as the signer mints, too')
})

t.test('a session issued in the future, or without an issue time, is refused', async (t) => {
  const { gateway, privateKey } = await build(t)
  const view = (token: string) => viewWith(gateway, token)
  const exp = nowSeconds() + 2 * HOUR

  for (const [name, token] of [
    ['issued in an hour', claimsSigner(privateKey)({ sub: USER_ID, iat: nowSeconds() + HOUR, exp })],
    ['issued in five minutes', claimsSigner(privateKey)({ sub: USER_ID, iat: nowSeconds() + 300, exp })],
    ['without iat', claimsSigner(privateKey, { noTimestamp: true })({ sub: USER_ID, exp })],
    [
      'issued more than a session ago',
      claimsSigner(privateKey)({ sub: USER_ID, iat: nowSeconds() - 8 * 24 * HOUR, exp })
    ]
  ] as const) {
    const response = await view(token)
    t.equal(response.statusCode, 401, name)
    t.same(JSON.parse(response.body), UNAUTHORIZED, `${name}: the /wx envelope`)
  }
  const skewed = claimsSigner(privateKey)({ sub: USER_ID, iat: nowSeconds() + 5, exp })
  const tolerated = 'a few seconds of clock skew between the signer and the gateway are tolerated'
  t.equal((await view(skewed)).statusCode, 200, tolerated)
})

t.test('a valid session has one spelling: its high-S twin and a non-canonical signature are refused', async (t) => {
  const { gateway, sign } = await build(t)
  const view = (token: string) => viewWith(gateway, token)
  const token = sign({ sub: USER_ID })
  const { s, twin } = signatureTwin(token)
  t.ok(s <= P256_ORDER / 2n, 'the signer minted the low-S form')
  t.equal((await view(token)).statusCode, 200)

  const response = await view(twin)
  t.equal(response.statusCode, 401, 'the high-S twin')
  t.same(JSON.parse(response.body), UNAUTHORIZED)

  // 64 bytes are 86 base64url characters; the last one carries 4 unused bits.
  const last = token.at(-1) ?? 'A'
  const padded = `${token.slice(0, -1)}${String.fromCharCode(last.charCodeAt(0) + 1)}`
  const signatureOf = (jwt: string): Buffer => Buffer.from(jwt.split('.')[2] ?? '', 'base64url')
  t.equal(signatureOf(padded).compare(signatureOf(token)), 0, 'the same signature bytes')
  t.equal((await view(padded)).statusCode, 401, 'a signature spelled with its unused bits set')
})

t.test('the signer mints low-S signatures only', async (t) => {
  const { sign } = await build(t)
  const high = Array.from({ length: 64 }, () => signatureTwin(sign({ sub: USER_ID })).s)
    .filter((s) => s > P256_ORDER / 2n)
  t.equal(high.length, 0, 'none of 64 sessions carries a high S (about half would without normalising)')
})
