import t from 'tap'
import { build } from '../../../helper.js'

const UNAUTHORIZED = { status: 401, body: { result: 0, msg: '未登录或登录已过期', code: 'IDENTITY_UNAUTHORIZED' } }

t.test('logout ends the token it is called with, and only that one', async (t) => {
  const bed = await build(t)
  const { user, token } = await bed.addUser({ login_name: '13800000001' })
  const other = bed.tokenOf(user)
  t.same(await bed.call('POST', '/users/logout', { token }), { status: 200, body: { result: 1 } })
  t.same(await bed.call('GET', `/users/${user._id}`, { token }), UNAUTHORIZED, 'the same 401 as any bad token')
  t.same(await bed.call('POST', '/users/logout', { token }), UNAUTHORIZED, 'logging out twice')
  t.equal((await bed.call('GET', `/users/${user._id}`, { token: other })).status, 200, 'another session goes on')
  t.notOk(bed.logs.some((line) => line.includes(token)), 'the token is not logged')
})

t.test('logout takes the token wherever a token may travel', async (t) => {
  const bed = await build(t)
  const { user } = await bed.addUser({ login_name: '13800000001' })
  for (const via of ['header', 'query', 'body'] as const) {
    const token = bed.tokenOf(user)
    t.same(await bed.call('POST', '/users/logout', { token, via, payload: {} }), { status: 200, body: { result: 1 } })
    t.same(await bed.call('GET', `/users/${user._id}`, { token }), UNAUTHORIZED, via)
  }
})

t.test('logout without a valid token is the same 401', async (t) => {
  const bed = await build(t)
  t.same(await bed.call('POST', '/users/logout'), UNAUTHORIZED)
  t.same(await bed.call('POST', '/users/logout', { token: 'not a token' }), UNAUTHORIZED)
})
