import t from 'tap'
import { randomUUID } from 'node:crypto'
import { ASSERTION_HEADER, CLIENT_IP_HEADER, REQUEST_ID_HEADER } from '@driver/kit'
import { readUserToken } from '../../../../src/domain/user-token.js'
import { createMefpCodec } from '@driver/contracts/mefp'
import type { User } from '../../../../src/domain/user.js'
import { KEYS, MEFP_IP, TOKEN_KEYS, build, type Testbed } from '../../../helper.js'

const PHONE = '13812345678'
const codec = createMefpCodec({ secret: KEYS.MEFP_SECRET, iv: KEYS.APP_SECRET })
const tokenKeys = TOKEN_KEYS

async function withUser (bed: Testbed): Promise<void> {
  bed.mefp.addAccount(PHONE, { password: 'pw' })
  const answer = await bed.call('POST', '/users/activate', { payload: { login_name: PHONE } })
  if (answer.status !== 200) throw new Error(`activation failed: ${JSON.stringify(answer)}`)
}

const tokenIn = (data: unknown): string => (codec.decrypt(String(data)) as { token: string }).token

t.test('MeFP gets a user\'s token, encrypted, for an encrypted login name', async (t) => {
  const bed = await build(t)
  await withUser(bed)
  const asText = await bed.call('POST', '/users/token', { payload: codec.encrypt({ login_name: PHONE }), ip: MEFP_IP })
  t.equal(asText.status, 200)
  t.same(Object.keys(asText.body).sort(), ['data', 'result'])
  t.match(
    readUserToken(tokenIn(asText.body.data), tokenKeys, new Date()),
    { userId: 1, loginName: PHONE },
    'a token of the user'
  )

  const asData = await bed.call(
    'POST',
    '/users/token',
    { payload: { data: codec.encrypt({ login_name: PHONE }) }, ip: '198.51.100.20' }
  )
  t.equal(asData.status, 200, 'as `data` of a JSON body, from a listed CIDR')
  t.match(readUserToken(tokenIn(asData.body.data), tokenKeys, new Date()), { userId: 1 })

  const asForm = await bed.call(
    'POST',
    '/users/token',
    {
      payload: `data=${encodeURIComponent(codec.encrypt({ login_name: PHONE }))}`,
      ip: MEFP_IP,
      headers: { 'content-type': 'application/x-www-form-urlencoded' }
    }
  )
  t.equal(asForm.status, 200, 'as `data` of a form')
  t.equal(
    (
      await bed.call('POST', '/users/token', { payload: codec.encrypt({ login_name: PHONE }), ip: `::ffff:${MEFP_IP}` })
    ).status,
    200,
    'the IPv4-mapped form'
  )
})

t.test('callers outside MEFP_ALLOWED_IPS are refused before anything is read', async (t) => {
  const bed = await build(t)
  await withUser(bed)
  const denied = await bed.call(
    'POST',
    '/users/token',
    { payload: codec.encrypt({ login_name: PHONE }), ip: '192.0.2.1' }
  )
  t.same(denied, { status: 403, body: { result: 0, msg: '禁止访问', code: 'IDENTITY_TOKEN_CALLER_REFUSED' } })
  t.equal(
    (await bed.call('POST', '/users/token', { payload: 'garbage', ip: '192.0.2.1' })).status,
    403,
    'whatever the body'
  )
  t.ok(bed.logs.some((line) => line.includes('refused a token request from outside MEFP_ALLOWED_IPS')), 'logged')
})

t.test('a client IP header without the gateway\'s valid assertion is not believed', async (t) => {
  const bed = await build(t)
  await withUser(bed)
  const forged = await bed.app.inject({
    method: 'POST',
    url: '/users/token',
    payload: codec.encrypt({ login_name: PHONE }),
    headers: {
      'content-type': 'text/plain',
      [CLIENT_IP_HEADER]: MEFP_IP,
      [REQUEST_ID_HEADER]: randomUUID(),
      [ASSERTION_HEADER]: `${Date.now()}.${'A'.repeat(43)}`
    }
  })
  t.equal(forged.statusCode, 401)
  t.equal(forged.json().code, 'KIT_UNAUTHORIZED')
  const bare = await bed.app.inject(
    {
      method: 'POST',
      url: '/users/token',
      payload: codec.encrypt({ login_name: PHONE }),
      headers: { 'content-type': 'text/plain', [CLIENT_IP_HEADER]: MEFP_IP }
    }
  )
  t.equal(bare.statusCode, 401, 'no assertion at all')
})

t.test('what does not decrypt to a login name answers 400; unknown and disabled users 404 and 403', async (t) => {
  const bed = await build(t)
  await withUser(bed)
  const other = createMefpCodec({ secret: 'ffffffffffffffffffffffffffffffff', iv: KEYS.APP_SECRET })
  const unreadable = [
    'not base64!',
    'QUJD',
    other.encrypt({ login_name: PHONE }),
    codec.encrypt('a string'),
    codec.encrypt({ login_name: 5 }),
    codec.encrypt({ name: PHONE }),
    codec.encrypt({ login_name: '' })
  ]
  for (const body of unreadable) {
    const answer = await bed.call('POST', '/users/token', { payload: body, ip: MEFP_IP })
    t.equal(answer.status, 400, body.slice(0, 20))
    t.equal(answer.body.code, 'IDENTITY_TOKEN_REQUEST_UNREADABLE')
  }
  for (const body of [{ data: 5 }, { other: 'x' }, { data: '' }]) {
    const answer = await bed.call('POST', '/users/token', { payload: body, ip: MEFP_IP })
    t.equal(answer.status, 400, JSON.stringify(body))
  }
  t.same(
    await bed.call('POST', '/users/token', { payload: codec.encrypt({ login_name: '13900000000' }), ip: MEFP_IP }),
    { status: 404, body: { result: 0, msg: '用户不存在', code: 'IDENTITY_TOKEN_USER_NOT_FOUND' } }
  )
  await bed.app.store.collection<User>('users').updateOne({ _id: 1 }, { $set: { status: 0 } })
  t.equal(
    (await bed.call('POST', '/users/token', { payload: codec.encrypt({ login_name: PHONE }), ip: MEFP_IP })).status,
    403
  )
})

t.test('an empty allow-list lets nobody in', async (t) => {
  const bed = await build(t, { env: { MEFP_ALLOWED_IPS: '' } })
  await withUser(bed)
  t.equal(
    (await bed.call('POST', '/users/token', { payload: codec.encrypt({ login_name: PHONE }), ip: MEFP_IP })).status,
    403
  )
})

t.test('tokens never reach the logs', async (t) => {
  const open = await build(t, { env: { MEFP_ALLOWED_IPS: '127.0.0.1' } })
  await withUser(open)
  const answer = await open.call(
    'POST',
    '/users/token',
    { payload: codec.encrypt({ login_name: PHONE }), ip: '127.0.0.1' }
  )
  const text = open.logs.join('')
  t.notOk(
    text.includes(String(answer.body.data)) || text.includes(tokenIn(answer.body.data)),
    'neither the answer nor the token'
  )
})
