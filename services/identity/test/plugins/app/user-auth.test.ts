import t from 'tap'
import { build, type Carrier } from '../../helper.js'

const UNAUTHORIZED = { result: 0, msg: '未登录或登录已过期', code: 'IDENTITY_UNAUTHORIZED' }
const DAY_MS = 24 * 3600 * 1000

/** The token with one bit of one ciphertext byte flipped. */
const flipped = (token: string, byte: number, mask = 1): string => {
  const bytes = Buffer.from(token, 'base64')
  bytes[byte] = (bytes[byte] ?? 0) ^ mask
  return bytes.toString('base64')
}

t.test('every bad token gets the same 401 and the same body', async (t) => {
  const bed = await build(t)
  const { user, token } = await bed.addUser({ login_name: '13800000001' })
  const url = `/users/${user._id}`
  const bytes = Buffer.from(token, 'base64')

  // CBC: flipping a ciphertext bit flips the same bit of the next block's plaintext.
  // The token's JSON puts `"role":0` at a known place; XOR '0'^'9' one block earlier would make it 9.
  const plain = JSON.stringify({ nonce: 'x'.repeat(22), login_name: user.login_name, user_name: '', role: 0 })
  const roleDigit = plain.lastIndexOf('0')
  const roleForged = flipped(token, roleDigit - 16, '0'.charCodeAt(0) ^ '9'.charCodeAt(0))

  const tokens: Record<string, string | undefined> = {
    missing: undefined,
    empty: '',
    garbage: 'not a token',
    'a bit flipped in the first block': flipped(token, 0),
    'a bit flipped in the last block': flipped(token, bytes.length - 1),
    'the role forged to 9 by a bit flip': roleForged,
    truncated: bytes.subarray(0, bytes.length - 16).toString('base64'),
    'cut mid-block': token.slice(0, -8),
    'without its Base64 padding': token.replace(/=+$/, ''),
    're-padded with an extra block': Buffer.concat([bytes, Buffer.alloc(16, 16)]).toString('base64'),
    'as base64url': bytes.toString('base64url'),
    expired: bed.tokenOf(user, new Date(Date.now() - DAY_MS - 1000)),
    'signed with another HMAC key': token.split('').reverse().join('')
  }
  for (const [name, bad] of Object.entries(tokens)) {
    const answer = await bed.call('GET', url, bad === undefined ? {} : { token: bad })
    t.equal(answer.status, 401, `${name}: 401`)
    t.same(answer.body, UNAUTHORIZED, `${name}: the same body`)
  }
  t.notOk(bed.logs.some((line) => line.includes(token)), 'no token in the logs')
})

t.test('a token of a user who is gone, or whose id names someone else, is refused alike', async (t) => {
  const bed = await build(t)
  const { user } = await bed.addUser({ login_name: '13800000001' })
  const ghost = bed.tokenOf({ ...user, _id: 999 })
  const impostor = bed.tokenOf({ ...user, login_name: '13899999999' })
  for (const token of [ghost, impostor]) {
    const answer = await bed.call('GET', `/users/${user._id}`, { token })
    t.equal(answer.status, 401)
    t.same(answer.body, UNAUTHORIZED)
  }
})

t.test("a disabled user's live token is refused at once (403), and works again once enabled", async (t) => {
  const bed = await build(t)
  const { user, token } = await bed.addUser({ login_name: '13800000001' })
  t.equal((await bed.call('GET', `/users/${user._id}`, { token })).status, 200)
  await bed.app.users.update(user._id, { status: 0 })
  const answer = await bed.call('GET', `/users/${user._id}`, { token })
  t.equal(answer.status, 403)
  t.same(answer.body, { result: 0, msg: '账号已停用', code: 'IDENTITY_USER_DISABLED' })
  await bed.app.users.update(user._id, { status: 1 })
  t.equal((await bed.call('GET', `/users/${user._id}`, { token })).status, 200)
})

t.test('role and area come from the store, not from the token', async (t) => {
  const bed = await build(t)
  const { user: partner, token } = await bed.addUser({ login_name: '13800000001', role: 5, area: '浙江' })
  await bed.addUser({ login_name: '13800000002', area: '浙江-杭州' })
  t.equal((await bed.call('GET', '/users', { token })).body.total, 1)
  await bed.app.users.update(partner._id, { role: 0 })
  t.equal((await bed.call('GET', '/users', { token })).body.total, 0, 'demoted: the same token sees no one')
})

t.test('the token is read from Authorization: Bearer, a token header, the query string or the body', async (t) => {
  const bed = await build(t)
  const { user, token } = await bed.addUser({ login_name: '13800000001' })
  for (const via of ['bearer', 'header', 'query'] as Carrier[]) {
    const answer = await bed.call('GET', `/users/${user._id}`, { token, via })
    t.equal(answer.status, 200, via)
    t.equal(answer.body.result, 1, via)
  }
  for (const form of [false, true]) {
    const answer = await bed.call(
      'PUT',
      `/users/${user._id}`,
      { token, via: 'body', form, payload: { city: form ? '宁波' : '杭州' } }
    )
    t.same(answer, { status: 200, body: { result: 1 } }, `body, ${form ? 'form' : 'JSON'}`)
  }
  t.equal((await bed.app.users.findById(user._id))?.city, '宁波')
  t.notOk(
    bed.logs.some((line) => line.includes(token) || line.includes(encodeURIComponent(token))),
    'the token is in no log line, wherever it travelled'
  )
  const basic = await bed.inject('GET', `/users/${user._id}`, { authorization: `Basic ${token}` })
  t.equal(basic.statusCode, 401, 'another scheme is not a token')
})

t.test('a token pasted into a query string as login answered it, its + not encoded, still works', async (t) => {
  const bed = await build(t)
  const { user } = await bed.addUser({ login_name: '13800000001' })
  // Each token has a fresh nonce; nearly all hold a +, which a query string reads as a space.
  let token = bed.tokenOf(user)
  for (let tries = 0; !token.includes('+') && tries < 100; tries++) token = bed.tokenOf(user)
  t.ok(token.includes('+'), 'a token with a +')
  const answer = await bed.inject('GET', `/users/${user._id}?token=${token}`, {})
  t.equal(answer.statusCode, 200)
  t.equal(JSON.parse(answer.body).data.user_id, user._id)
})

t.test('without a token, a bad request is still a 401: nothing about the route is told', async (t) => {
  const bed = await build(t)
  const answer = await bed.call('PUT', '/users/1', { payload: { role: 'nine' } })
  t.equal(answer.status, 401)
})
