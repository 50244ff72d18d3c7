import t from 'tap'
import { ADMIN, GOOD_CODE, build, type Testbed } from '../../helper.js'

const PHONE = '13812345678'
const UNAUTHORIZED = { status: 401, body: { result: 0, msg: '未登录或登录已过期', code: 'IDENTITY_UNAUTHORIZED' } }

/** A user MeFP and the user center both know, logged in through `/users/login`. */
async function loggedIn (bed: Testbed, password = 'old-password'): Promise<{ id: number, token: string }> {
  if (!bed.mefp.accounts.has(PHONE)) bed.mefp.addAccount(PHONE, { password })
  if (!await bed.userNamed(PHONE)) await bed.addUser({ login_name: PHONE })
  return await login(bed, password)
}

async function login (bed: Testbed, password: string): Promise<{ id: number, token: string }> {
  const answer = await bed.call('POST', '/users/login', { payload: { login_name: PHONE, password } })
  if (answer.status !== 200) throw new Error(`login answered ${answer.status}: ${JSON.stringify(answer.body)}`)
  const data = answer.body.data as { user_id: number, token: string }
  return { id: data.user_id, token: data.token }
}

const profile = async (bed: Testbed, id: number, token: string) =>
  await bed.call('GET', `/users/${id}`, { token })

t.test('a password change ends every token issued before it; a new login works', async (t) => {
  const bed = await build(t)
  const first = await loggedIn(bed)
  const second = await login(bed, 'old-password')
  const change = await bed.call('PUT', `/users/${first.id}`, {
    token: first.token, payload: { old_password: 'old-password', password: 'new-password' }
  })
  t.same(change, { status: 200, body: { result: 1 } })
  t.same(await profile(bed, first.id, first.token), UNAUTHORIZED, 'the token it was changed with')
  t.same(await profile(bed, first.id, second.token), UNAUTHORIZED, 'another session of the same user')
  const fresh = await login(bed, 'new-password')
  t.equal((await profile(bed, fresh.id, fresh.token)).status, 200)
})

t.test('a password reset ends every token issued before it; a new login works', async (t) => {
  const bed = await build(t)
  const old = await loggedIn(bed)
  const reset = await bed.call('POST', '/users/password/reset', {
    payload: { login_name: PHONE, captcha: GOOD_CODE, password: 'new-password' }
  })
  t.same(reset, { status: 200, body: { result: 1 } })
  t.same(await profile(bed, old.id, old.token), UNAUTHORIZED)
  const fresh = await login(bed, 'new-password')
  t.equal((await profile(bed, fresh.id, fresh.token)).status, 200)
})

t.test('disabling a user ends their tokens: 401 at once, and still after they are enabled again', async (t) => {
  const bed = await build(t)
  const { user: admin, token: adminToken } = await bed.addUser({ login_name: ADMIN, role: 9 })
  const old = await loggedIn(bed)
  const disable = await bed.call('PUT', `/users/${old.id}`, { token: adminToken, payload: { status: 0 } })
  t.same(disable, { status: 200, body: { result: 1 } })
  t.same(await profile(bed, old.id, old.token), UNAUTHORIZED, 'the same 401 as any bad token')
  t.equal((await bed.call('POST', '/users/login', { payload: { login_name: PHONE, password: 'old-password' } }))
    .status, 403, 'a disabled user cannot log in')
  await bed.call('PUT', `/users/${old.id}`, { token: adminToken, payload: { status: 1 } })
  t.same(await profile(bed, old.id, old.token), UNAUTHORIZED, 'enabling again does not bring the old token back')
  const fresh = await login(bed, 'old-password')
  t.equal((await profile(bed, fresh.id, fresh.token)).status, 200)
  t.equal((await profile(bed, admin._id, adminToken)).status, 200, "the administrator's token lives on")
})

t.test('within one millisecond: a token from before a change is ended, one from after it works', async (t) => {
  // The clock stands still: the login, the change and the next login share an instant.
  const instant = new Date('2026-12-07T10:00:00.000Z')
  const bed = await build(t, { clock: () => instant, mefp: { clock: () => instant } })
  const before = await loggedIn(bed)
  await bed.call('PUT', `/users/${before.id}`, {
    token: before.token, payload: { old_password: 'old-password', password: 'new-password' }
  })
  t.same(await profile(bed, before.id, before.token), UNAUTHORIZED, 'issued before the change')
  const after = await login(bed, 'new-password')
  t.equal((await profile(bed, after.id, after.token)).status, 200, 'issued after the change')

  await bed.call('PUT', `/users/${after.id}`, {
    token: after.token, payload: { old_password: 'new-password', password: 'third-password' }
  })
  t.same(await profile(bed, after.id, after.token), UNAUTHORIZED, 'a second change in the same instant ends it')
  const third = await login(bed, 'third-password')
  t.equal((await profile(bed, third.id, third.token)).status, 200)
})
