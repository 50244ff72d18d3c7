import t from 'tap'
import { build, type Testbed } from '../../helper.js'

const NOT_FOUND = { result: 0, msg: '用户不存在', code: 'IDENTITY_USER_NOT_FOUND' }

/** An administrator, a partner over 浙江 (role 5), users inside and outside its area, and a second partner beside it. */
async function people (bed: Testbed) {
  return {
    admin: await bed.addUser({ login_name: '13800000009', role: 9, area: '' }),
    partner: await bed.addUser({ login_name: '13800000005', role: 5, area: '浙江' }),
    driver: await bed.addUser(
      { login_name: '13800000001', area: '浙江-杭州', user_name: '张三', city: '杭州', sign: '这个家伙很懒', memo: '备注' }
    ),
    outsider: await bed.addUser({ login_name: '13800000002', area: '江苏-南京' }),
    peer: await bed.addUser({ login_name: '13800000006', role: 5, area: '浙江-宁波' })
  }
}

t.test('GET /users/:id answers the seed\'s details of oneself', async (t) => {
  const bed = await build(t)
  const { driver } = await people(bed)
  const answer = await bed.call('GET', `/users/${driver.user._id}`, { token: driver.token })
  t.equal(answer.status, 200)
  const data = answer.body.data as Record<string, unknown>
  t.match(data, {
    login_name: '13800000001',
    user_id: driver.user._id,
    user_name: '张三',
    role: 0,
    city: '杭州',
    area: '浙江-杭州',
    status: 1,
    checked: 0,
    reg_time: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
    login_time: '',
    login_ip: '',
    login_count: 0,
    sign: '这个家伙很懒',
    memo: '备注',
    consignors: null,
    drivers: null
  })
  t.same(
    Object.keys(data).sort(),
    [
      'area', 'checked', 'city', 'consignors', 'drivers', 'login_count', 'login_ip', 'login_name', 'login_time', 'memo',
      'reg_time', 'role', 'sign', 'status', 'user_id', 'user_name'
    ],
    'the seed\'s fields, nothing else'
  )
})

t.test('GET /users/:id: a manager sees those in its scope; anyone else is answered as unknown', async (t) => {
  const bed = await build(t)
  const { admin, partner, driver, outsider, peer } = await people(bed)
  const get = async (caller: { token: string }, target: { user: { _id: number } }) =>
    await bed.call('GET', `/users/${target.user._id}`, { token: caller.token })

  t.equal((await get(partner, driver)).status, 200, 'a partner sees a lower role in its area')
  t.equal((await get(admin, driver)).status, 200, 'an administrator sees everyone below role 9')
  t.equal((await get(admin, peer)).status, 200)
  t.equal((await get(admin, admin)).status, 200, 'oneself')
  for (const [name, answer] of Object.entries({
    'a partner, someone outside its area': await get(partner, outsider),
    'a partner, a partner of its own role inside its area': await get(partner, peer),
    'a partner, an administrator': await get(partner, admin),
    'a user, another user': await get(driver, outsider),
    'a user, their partner': await get(driver, partner),
    'anyone, an unknown id': await bed.call('GET', '/users/424242', { token: admin.token })
  })) {
    t.same(answer, { status: 404, body: NOT_FOUND }, name)
  }
})

t.test('ids are integers: /users/check is not a user, /users/abc is no route', async (t) => {
  const bed = await build(t)
  const { driver } = await people(bed)
  const check = await bed.call('GET', '/users/check?login_name=13800000001', { token: driver.token })
  t.not(check.body.code, 'IDENTITY_USER_NOT_FOUND', '/users/check stays its own route')
  t.equal((await bed.call('GET', '/users/abc', { token: driver.token })).status, 404)
  t.equal((await bed.call('GET', '/users/1.5', { token: driver.token })).status, 404)
  const huge = await bed.call('GET', '/users/99999999999999999999', { token: driver.token })
  t.equal(huge.status, 400, 'too large an id is a bad request, not a fault')
})

t.test('PUT /users/:id: a user changes their own profile', async (t) => {
  const bed = await build(t)
  const { driver } = await people(bed)
  const answer = await bed.call(
    'PUT',
    `/users/${driver.user._id}`,
    { token: driver.token, payload: { user_name: '李四', city: '宁波', sign: '', memo: '新备注' } }
  )
  t.same(answer, { status: 200, body: { result: 1 } })
  t.match(
    await bed.app.users.findById(driver.user._id),
    { user_name: '李四', city: '宁波', sign: '', memo: '新备注', role: 0 }
  )

  const selfPromotion = await bed.call(
    'PUT',
    `/users/${driver.user._id}`,
    { token: driver.token, payload: { role: 9, user_name: 'x' } }
  )
  t.equal(selfPromotion.status, 403, 'not their own role')
  t.equal(selfPromotion.body.code, 'IDENTITY_NOT_MANAGER')
  t.equal((await bed.app.users.findById(driver.user._id))?.user_name, '李四', 'nothing of a refused change is stored')
})

t.test('PUT /users/:id: bad input is a 400 and stores nothing', async (t) => {
  const bed = await build(t)
  const { driver, admin } = await people(bed)
  const url = `/users/${driver.user._id}`
  for (const payload of [
    { city: 5 },
    { city: ['a'] },
    { city: { $ne: '' } },
    { user_name: 'x'.repeat(65) },
    { status: '1' },
    { status: 2 },
    { role: -1 },
    { role: 1.5 },
    { checked: true }
  ]) {
    const answer = await bed.call(
      'PUT',
      url,
      { token: payload.city === undefined && payload.user_name === undefined ? admin.token : driver.token, payload }
    )
    t.equal(answer.status, 400, JSON.stringify(payload))
    t.equal(answer.body.code, 'KIT_VALIDATION')
  }
  t.match(
    await bed.app.users.findById(driver.user._id),
    { city: '杭州', user_name: '张三', status: 1, role: 0, checked: 0 }
  )
  const form = await bed.call('PUT', url, { token: admin.token, form: true, payload: { status: 'x' } })
  t.equal(form.status, 400, 'a form value that is not a number')
})

t.test('PUT /users/:id: managers set status, role, area and checked within their scope only', async (t) => {
  const bed = await build(t)
  const { admin, partner, driver, outsider, peer } = await people(bed)
  const put = async (caller: { token: string }, target: { user: { _id: number } }, payload: Record<string, unknown>) =>
    await bed.call('PUT', `/users/${target.user._id}`, { token: caller.token, payload })

  t.same(
    await put(partner, driver, { checked: 1, status: 0, role: 4, area: '浙江-温州' }),
    { status: 200, body: { result: 1 } }
  )
  t.match(await bed.app.users.findById(driver.user._id), { checked: 1, status: 0, role: 4, area: '浙江-温州' })

  const refusals: Array<[string, Promise<unknown>, number, string]> = [
    ['a partner raising a role to its own', put(partner, driver, { role: 5 }), 403, 'IDENTITY_ROLE_NOT_GRANTABLE'],
    ['a partner raising a role above its own', put(partner, driver, { role: 9 }), 403, 'IDENTITY_ROLE_NOT_GRANTABLE'],
    [
      'a partner moving a user out of its area',
      put(partner, driver, { area: '江苏' }),
      403,
      'IDENTITY_AREA_OUTSIDE_SCOPE'
    ],
    ['a partner emptying an area (everything)', put(partner, driver, { area: '' }), 403, 'IDENTITY_AREA_OUTSIDE_SCOPE'],
    ['a partner on someone outside its area', put(partner, outsider, { status: 0 }), 404, 'IDENTITY_USER_NOT_FOUND'],
    ['a partner on a partner of its own role', put(partner, peer, { status: 0 }), 404, 'IDENTITY_USER_NOT_FOUND'],
    ['a partner on itself', put(partner, partner, { role: 8 }), 403, 'IDENTITY_NOT_MANAGER'],
    ['a partner on its own area', put(partner, partner, { area: '' }), 403, 'IDENTITY_NOT_MANAGER'],
    ["a manager on a user's profile", put(partner, driver, { user_name: '改名' }), 403, 'IDENTITY_OWN_PROFILE_ONLY'],
    ['an administrator granting role 9', put(admin, peer, { role: 9 }), 403, 'IDENTITY_ROLE_NOT_GRANTABLE']
  ]
  for (const [name, pending, status, code] of refusals) {
    t.match(await pending, { status, body: { result: 0, code } }, name)
  }
  t.match(
    await bed.app.users.findById(driver.user._id),
    { checked: 1, status: 0, role: 4, area: '浙江-温州', user_name: '张三' },
    'nothing refused was stored'
  )
  t.match(await bed.app.users.findById(partner.user._id), { role: 5, area: '浙江' })

  t.same(
    await put(admin, peer, { role: 8, area: '上海', status: 0 }),
    { status: 200, body: { result: 1 } },
    'an administrator: any area, roles below 9'
  )
  t.match(await bed.app.users.findById(peer.user._id), { role: 8, area: '上海', status: 0 })
})

t.test('PUT /users/:id: a password change goes through MeFP, only by the user, with the old password', async (t) => {
  const bed = await build(t)
  const { driver, partner } = await people(bed)
  bed.mefp.addAccount(driver.user.login_name, { password: 'old-secret' })
  const url = `/users/${driver.user._id}`

  const missingOld = await bed.call('PUT', url, { token: driver.token, payload: { password: 'new-secret' } })
  t.match(missingOld, { status: 400, body: { code: 'IDENTITY_PASSWORD_PAIR' } })
  const byManager = await bed.call(
    'PUT',
    url,
    { token: partner.token, payload: { password: 'new-secret', old_password: 'old-secret' } }
  )
  t.match(byManager, { status: 403, body: { code: 'IDENTITY_OWN_PROFILE_ONLY' } })
  t.equal(bed.mefp.calls.password, 0, 'MeFP was not asked')

  const wrongOld = await bed.call(
    'PUT',
    url,
    { token: driver.token, payload: { password: 'new-secret', old_password: 'guess', city: '温州' } }
  )
  t.match(wrongOld, { status: 400, body: { result: 0, code: 'IDENTITY_MEFP_REFUSED' } })
  t.equal(
    (await bed.app.users.findById(driver.user._id))?.city,
    '杭州',
    'a refused password change stores nothing else either'
  )

  const changed = await bed.call(
    'PUT',
    url,
    { token: driver.token, payload: { password: 'new-secret', old_password: 'old-secret' } }
  )
  t.same(changed, { status: 200, body: { result: 1 } })
  t.equal(bed.mefp.accounts.get(driver.user.login_name)?.password, 'new-secret')
  t.notOk(
    bed.logs.some((line) => line.includes('old-secret') || line.includes('new-secret')),
    'no password in the logs'
  )

  t.equal((await bed.call('GET', url, { token: driver.token })).status, 401, 'the change ended the token')

  bed.mefp.setMode('down')
  const relogged = await bed.app.users.findById(driver.user._id)
  if (!relogged) throw new Error('the driver is gone')
  const down = await bed.call(
    'PUT',
    url,
    { token: bed.tokenOf(relogged), payload: { password: 'newer-secret', old_password: 'new-secret' } }
  )
  t.match(down, { status: 503, body: { result: 0, code: 'IDENTITY_MEFP_UNAVAILABLE' } })
})

t.test('PUT /users/:id: a new password follows the rule of register and reset (6–64 characters)', async (t) => {
  const bed = await build(t)
  const { driver } = await people(bed)
  bed.mefp.addAccount(driver.user.login_name, { password: 'old-secret' })
  const url = `/users/${driver.user._id}`
  for (const [password, name] of [
    ['x', 'one character'],
    ['five5', 'five characters'],
    ['p'.repeat(65), '65 characters']
  ] as const) {
    const refused = await bed.call(
      'PUT',
      url,
      { token: driver.token, payload: { password, old_password: 'old-secret' } }
    )
    t.match(refused, { status: 400, body: { result: 0, code: 'KIT_VALIDATION' } }, `${name}: refused`)
  }
  t.equal(bed.mefp.calls.password, 0, 'MeFP was not asked')
  t.equal(bed.mefp.accounts.get(driver.user.login_name)?.password, 'old-secret', 'the password is unchanged')
  t.same(
    await bed.call('PUT', url, { token: driver.token, payload: { password: 'six6ch', old_password: 'old-secret' } }),
    { status: 200, body: { result: 1 } },
    'six characters will do'
  )
  // The change ended the token; a new one, as a new login would give.
  const relogged = await bed.app.users.findById(driver.user._id)
  if (!relogged) throw new Error('the driver is gone')
  const token = bed.tokenOf(relogged)
  t.same(
    await bed.call('PUT', url, { token, payload: { password: 'p'.repeat(64), old_password: 'six6ch' } }),
    { status: 200, body: { result: 1 } },
    'and so will 64'
  )
  t.equal(bed.mefp.accounts.get(driver.user.login_name)?.password, 'p'.repeat(64))
})
