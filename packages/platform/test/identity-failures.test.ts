import t from 'tap'
import { build, UNAVAILABLE } from './helper.js'

const PASSWORD = 'failure-password-1'
const NOT_FOUND = { status: 404, body: { result: 0, msg: '货主信息不存在', code: 'IDENTITY_CONSIGNOR_NOT_FOUND' } }

t.test('consignors: bad input answers 400 and stores nothing; another user\'s record is refused', async (t) => {
  const { send, activated } = await build(t)
  const owner = '13600000001'
  const other = '13600000002'
  const me = await activated(owner, PASSWORD)
  const them = await activated(other, PASSWORD)
  const valid = { login_name: owner, contact_name: '王五', contact_number: owner, company: '杭州货运' }

  const bad: Array<[string, object]> = [
    ['a number where text is due', { ...valid, contact_name: 123 }],
    ['an operator object', { ...valid, company: { $gt: '' } }],
    ['a company too long', { ...valid, company: 'x'.repeat(129) }],
    ['no contact name', { login_name: owner, contact_number: owner }],
    ['an empty contact number', { ...valid, contact_number: '' }]
  ]
  for (const [name, json] of bad) {
    t.match(
      await send('POST', '/users/consignors', { token: me.token, json }),
      { status: 400, body: { result: 0, code: 'KIT_VALIDATION' } },
      name
    )
  }
  t.match(
    await send('GET', `/users/${me.id}`, { token: me.token }),
    { status: 200, body: { data: { consignors: null } } },
    'no record was stored'
  )

  t.same(await send('POST', '/users/consignors', { token: them.token, json: { ...valid } }),
    {
      status: 403,
      body: { result: 0, msg: '只能为自己的账号添加信息', code: 'IDENTITY_LOGIN_NAME_MISMATCH' }
    }, 'not for another login name')
  t.match(
    await send('GET', `/users/${them.id}`, { token: them.token }),
    { status: 200, body: { data: { consignors: null } } },
    'nothing stored for either'
  )

  const created = await send('POST', '/users/consignors', { token: me.token, json: valid })
  t.match(created, { status: 200, body: { result: 1, id: Number } })
  const id = Number(created.body.id)
  t.match(
    await send('PUT', `/users/consignors/${id}`, { token: me.token, json: { company: 42 } }),
    { status: 400, body: { result: 0, code: 'KIT_VALIDATION' } },
    'a bad change'
  )
  t.same(await send('GET', `/users/consignors/${id}`, { token: them.token }), NOT_FOUND, 'another user cannot read it')
  t.same(
    await send('PUT', `/users/consignors/${id}`, { token: them.token, json: { company: '冒名' } }),
    NOT_FOUND,
    'nor change it'
  )
  t.same(
    await send('PUT', `/users/consignors/${id + 1}`, { token: me.token, json: { company: '别处' } }),
    NOT_FOUND,
    'an unknown id is the same 404'
  )
  t.match(
    await send('GET', `/users/consignors/${id}`, { token: me.token }),
    { status: 200, body: { data: { id, company: '杭州货运', contact_name: '王五' } } },
    'the record is unchanged'
  )
  t.match(
    await send('GET', `/users/consignors/${id}`),
    { status: 401, body: { code: 'IDENTITY_UNAUTHORIZED' } },
    'and needs a token'
  )
})

t.test('MeFP slow or answering garbage: the 503 envelope, nothing stored, and all is well once it ' +
  'is back', async (t) => {
  const { send, mefp, codeFor, storedUsers, activated } = await build(t, { env: { MEFP_TIMEOUT_MS: '300' } })
  const member = '13600000003'
  const newcomer = '13600000004'
  const inMefp = '13600000005'
  const me = await activated(member, PASSWORD)
  const before = await send('GET', `/users/${me.id}`, { token: me.token })
  mefp.addAccount(inMefp, { password: PASSWORD })
  const { code } = await codeFor(newcomer, 1)

  mefp.setMode('slow', 3000)
  const started = Date.now()
  t.same(
    await send('POST', '/users/login', { json: { login_name: member, password: PASSWORD } }),
    UNAVAILABLE,
    'slow: login'
  )
  t.ok(Date.now() - started < 2000, 'answered at the timeout, not when MeFP would have')
  t.same(await send('POST', '/users/activate', { json: { login_name: inMefp } }), UNAVAILABLE, 'slow: activate')
  t.same(await send('GET', `/users/check?login_name=${member}`), UNAVAILABLE, 'slow: check')

  mefp.setMode('garbage')
  t.same(
    await send('POST', '/users/register', { json: { login_name: newcomer, password: PASSWORD, captcha: code } }),
    UNAVAILABLE,
    'garbage: register'
  )
  t.same(
    await send('POST', '/users/login', { json: { login_name: member, password: PASSWORD } }),
    UNAVAILABLE,
    'garbage: login'
  )
  t.same(await send('POST', '/users/activate', { json: { login_name: inMefp } }), UNAVAILABLE, 'garbage: activate')
  t.same(
    await send(
      'PUT',
      `/users/${me.id}`,
      { token: me.token, json: { password: 'failure-password-2', old_password: PASSWORD, city: '温州' } }
    ),
    UNAVAILABLE,
    'garbage: a password change'
  )

  t.equal(await storedUsers(newcomer), 0, 'no user registered')
  t.equal(await storedUsers(inMefp), 0, 'none activated')
  t.same(
    await send('GET', `/users/${me.id}`, { token: me.token }),
    before,
    'the member is unchanged: no login recorded, no city'
  )
  t.notOk(mefp.accounts.has(newcomer), 'MeFP has no new account')

  mefp.setMode('ok')
  t.same(
    await send('POST', '/users/register', { json: { login_name: newcomer, password: PASSWORD, captcha: code } }),
    { status: 200, body: { result: 1 } },
    'back: the code still registers'
  )
  t.same(
    await send('POST', '/users/activate', { json: { login_name: inMefp } }),
    { status: 200, body: { result: 1 } },
    'back: activation works'
  )
  t.match(
    await send('POST', '/users/login', { json: { login_name: member, password: PASSWORD } }),
    { status: 200, body: { data: { login_count: 1 } } },
    'back: the member logs in'
  )
})
