import { createCipheriv, createDecipheriv } from 'node:crypto'
import t from 'tap'
import {
  endedByUser, endTokensAt, issueUserToken, readUserToken, USER_TOKEN_TTL_MS, type TokenUser
} from '../../src/domain/user-token.js'
import { createMefpCodec } from '@driver/contracts/mefp'

const keys = {
  secret: 'mefp-test-key-0123456789abcdefgh',
  iv: 'app-test-iv-0123',
  hmacSecret: 'token-secret-for-tests-0123456789abcdef'
}
const now = new Date('2026-03-01T04:30:00Z')
const user: TokenUser = {
  _id: 123, login_name: '13812345678', user_name: '张三', role: 0, area: '浙江-杭州', reg_time: '2015-01-01 12:30:00',
  checked: 1, status: 1
}
const codec = createMefpCodec(keys)

/** The token's bytes as AES sees them, without the padding removed. */
function rawPlain (token: string): Buffer {
  const decipher = createDecipheriv('aes-256-cbc', Buffer.from(keys.secret), Buffer.from(keys.iv)).setAutoPadding(false)
  return Buffer.concat([decipher.update(Buffer.from(token, 'base64')), decipher.final()])
}

/** Raw bytes encrypted with the token key, padding exactly as given. */
function encryptRaw (plain: Buffer): string {
  const cipher = createCipheriv('aes-256-cbc', Buffer.from(keys.secret), Buffer.from(keys.iv)).setAutoPadding(false)
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64')
}

/** A token whose JSON was changed by someone holding the AES key but not TOKEN_SECRET. */
function reencrypted (token: string, change: (fields: Record<string, unknown>) => void): string {
  const fields = codec.decrypt(token) as Record<string, unknown>
  change(fields)
  return codec.encrypt(fields)
}

t.test('a token reads back as its user and expiry, one day on', async (t) => {
  const token = issueUserToken(user, keys, now)
  t.match(token, /^[A-Za-z0-9+/]+={0,2}$/)
  t.match(
    readUserToken(token, keys, now),
    {
      userId: 123,
      loginName: '13812345678',
      nonce: /^[\w-]{22}$/,
      issuedAt: now,
      expiresAt: new Date(now.getTime() + USER_TOKEN_TTL_MS)
    }
  )
  t.ok(readUserToken(token, keys, new Date(now.getTime() + USER_TOKEN_TTL_MS - 1)), 'valid until the last millisecond')
})

t.test('inside, the seed\'s fields in JSON: a nonce first, "" for what has no value, user_id, ' +
  'issued_time, expired_time and the hmac', async (t) => {
  const fields = codec.decrypt(issueUserToken({ ...user, user_name: undefined }, keys, now)) as Record<string, unknown>
  t.same(
    Object.keys(fields),
    [
      'nonce', 'login_name', 'user_name', 'role', 'area', 'reg_time', 'checked', 'status', 'user_id', 'issued_time',
      'expired_time', 'hmac'
    ]
  )
  t.match(fields, {
    nonce: /^[\w-]{22}$/, login_name: '13812345678', user_name: '', role: 0, area: '浙江-杭州',
    reg_time: '2015-01-01 12:30:00',
    checked: 1, status: 1, user_id: 123, issued_time: now.getTime(), expired_time: now.getTime() + USER_TOKEN_TTL_MS,
    hmac: /^[0-9a-f]{64}$/
  })
  const nullName = codec.decrypt(issueUserToken({ ...user, user_name: null }, keys, now)) as Record<string, unknown>
  t.equal(nullName.user_name, '')
})

t.test('two tokens of the same user at the same instant differ from their first block on', async (t) => {
  const first = Buffer.from(issueUserToken(user, keys, now), 'base64')
  const second = Buffer.from(issueUserToken(user, keys, now), 'base64')
  t.not(first.subarray(0, 16).toString('hex'), second.subarray(0, 16).toString('hex'))
})

t.test('an expired token is null', async (t) => {
  const token = issueUserToken(user, keys, now)
  t.equal(readUserToken(token, keys, new Date(now.getTime() + USER_TOKEN_TTL_MS)), null)
  t.equal(readUserToken(token, keys, new Date(now.getTime() + 2 * USER_TOKEN_TTL_MS)), null)
})

t.test('a bit flip that makes "role":0 another role is refused', async (t) => {
  const token = issueUserToken(user, keys, now)
  const plain = rawPlain(token)
  const at = plain.indexOf('"role":0') + '"role":'.length
  t.ok(at >= 16, 'the role is past the first block, so the block before it is ciphertext')
  for (const role of ['1', '9']) {
    const bytes = Buffer.from(token, 'base64')
    // CBC: flipping a ciphertext byte flips the same bit of the plaintext one block later.
    bytes[at - 16] = (bytes[at - 16] ?? 0) ^ '0'.charCodeAt(0) ^ role.charCodeAt(0)
    const flipped = bytes.toString('base64')
    t.equal(rawPlain(flipped)[at], role.charCodeAt(0), `the plaintext now says "role":${role}`)
    t.equal(readUserToken(flipped, keys, now), null, `"role":${role} is refused`)
  }
})

t.test('fields changed by someone with the AES key but not TOKEN_SECRET are refused', async (t) => {
  const token = issueUserToken(user, keys, now)
  t.equal(readUserToken(reencrypted(token, (fields) => { fields.role = 9 }), keys, now), null, 'another role')
  t.equal(readUserToken(reencrypted(token, (fields) => { fields.user_id = 1 }), keys, now), null, 'another user')
  t.equal(
    readUserToken(
      reencrypted(token, (fields) => { fields.expired_time = Number(fields.expired_time) + USER_TOKEN_TTL_MS }),
      keys,
      now
    ),
    null,
    'a later expiry'
  )
  t.equal(readUserToken(reencrypted(token, (fields) => { delete fields.hmac }), keys, now), null, 'no hmac')
  t.equal(
    readUserToken(reencrypted(token, (fields) => { fields.hmac = String(fields.hmac).toUpperCase() }), keys, now),
    null,
    'an hmac in capitals'
  )
  t.equal(readUserToken(reencrypted(token, (fields) => { fields.extra = 1 }), keys, now), null, 'an extra field')
  t.ok(readUserToken(reencrypted(token, () => {}), keys, now), 'unchanged, it still reads')
  t.equal(
    readUserToken(token, { ...keys, hmacSecret: 'another-token-secret-0123456789abcdef' }, now),
    null,
    'another TOKEN_SECRET'
  )
})

t.test('a token signed correctly but with missing or mistyped fields is refused', async (t) => {
  const signedWith = (change: (fields: Record<string, unknown>) => void) => {
    // Issued from a user whose fields the types would not allow, as a bug elsewhere might.
    const odd = { ...user } as unknown as Record<string, unknown>
    change(odd)
    return issueUserToken(odd as unknown as TokenUser, keys, now)
  }
  t.equal(readUserToken(signedWith((fields) => { fields.login_name = '' }), keys, now), null, 'an empty login name')
  t.equal(readUserToken(signedWith((fields) => { fields._id = 0 }), keys, now), null, 'user 0')
  t.equal(readUserToken(signedWith((fields) => { fields._id = '123' }), keys, now), null, 'an id as text')
  t.equal(readUserToken(signedWith((fields) => { fields.role = '0' }), keys, now), null, 'a role as text')
})

t.test('bad Base64, truncation, bad padding, re-padding and text that is not JSON are all null, ' +
  'never an exception', async (t) => {
  const token = issueUserToken(user, keys, now)
  const plain = rawPlain(token)
  const padding = plain[plain.length - 1] ?? 0
  const body = plain.subarray(0, plain.length - padding)
  const cases: Record<string, string> = {
    'an empty token': '',
    'not Base64': 'not a token!',
    'Base64 with a line break': `${token.slice(0, 20)}\n${token.slice(20)}`,
    'cut mid-Base64': token.slice(0, -3),
    'one block short': Buffer.from(token, 'base64').subarray(0, -16).toString('base64'),
    'only the first block': Buffer.from(token, 'base64').subarray(0, 16).toString('base64'),
    'not whole blocks': Buffer.from(token, 'base64').subarray(0, -1).toString('base64'),
    'padding bytes of 0': encryptRaw(Buffer.concat([body, Buffer.alloc(padding, 0)])),
    'padding bytes that disagree': encryptRaw(
      Buffer.concat([body, Buffer.from([padding ^ 1]), Buffer.alloc(padding - 1, padding)])
    ),
    'padded twice': encryptRaw(Buffer.concat([plain, Buffer.alloc(16, 16)])),
    'a padding longer than a block': encryptRaw(Buffer.concat([body, Buffer.alloc(padding, 17)])),
    'an array': codec.encrypt([1, 2, 3]),
    'a JSON string': codec.encrypt('token'),
    'text that is not JSON': encryptRaw(Buffer.concat([Buffer.from('{"nonce":'), Buffer.alloc(7, 7)])),
    'a token of other keys': issueUserToken(user, { ...keys, secret: 'another-key-0123456789abcdefghij' }, now),
    'far too long': 'A'.repeat(8192)
  }
  for (const [what, text] of Object.entries(cases)) {
    t.equal(readUserToken(text, keys, now), null, what)
  }
  t.equal(readUserToken(undefined as unknown as string, keys, now), null, 'no token at all')
})

t.test('a token is issued after the instant that ended the ones before it, even in the same millisecond', async (t) => {
  const before = readUserToken(issueUserToken(user, keys, now), keys, now)
  if (!before) throw new Error('unreadable')
  const validAfter = endTokensAt(undefined, now)
  t.ok(endedByUser(before, validAfter), 'a token of the same millisecond, issued before the change, is ended')
  const after = readUserToken(issueUserToken({ ...user, tokens_valid_after: validAfter }, keys, now), keys, now)
  if (!after) throw new Error('unreadable')
  t.notOk(endedByUser(after, validAfter), 'a token issued after the change in the same millisecond works')
  const again = endTokensAt(validAfter, now)
  t.ok(endedByUser(after, again), 'a second change in that millisecond ends it too')
  t.notOk(endedByUser(after, undefined), 'a user whose tokens were never ended')
})
