import t from 'tap'
import { readUserToken } from '../../../../src/domain/user-token.js'
import type { User } from '../../../../src/domain/user.js'
import { TOKEN_KEYS, build, type Testbed } from '../../../helper.js'

const PHONE = '13812345678'
const PASSWORD = 'right-password'
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/
/** A consignor or driver record as another part of the service stores it. */
type Row = { _id: number, user_id: number } & Record<string, unknown>
const tokenKeys = TOKEN_KEYS

/** An account MeFP has and the user center activated. */
async function activated ({ call, mefp }: Testbed, loginName = PHONE): Promise<void> {
  mefp.addAccount(loginName, { password: PASSWORD, reg_app: 'melink', reg_time: '2015-01-01 12:30:00' })
  const answer = await call('POST', '/users/activate', { payload: { login_name: loginName, sign: '这个家伙很懒' } })
  if (answer.status !== 200) throw new Error(`activation failed: ${JSON.stringify(answer)}`)
}

t.test('a login answers the seed\'s fields, the previous login, and a token', async (t) => {
  const bed = await build(t)
  await activated(bed)
  const first = await bed.call(
    'POST',
    '/users/login',
    { payload: { login_name: PHONE, password: PASSWORD }, ip: '10.1.1.1' }
  )
  t.equal(first.status, 200)
  const data = first.body.data as Record<string, unknown>
  t.match(data, {
    login_name: PHONE, user_id: 1, user_name: '', role: 0, checked: 0, status: 1, reg_time: '2015-01-01 12:30:00',
    login_time: '', login_ip: '', login_count: 0, sign: '这个家伙很懒', consignors: null, drivers: null
  })
  t.same(
    Object.keys(data).sort(),
    [
      'checked', 'consignors', 'drivers', 'login_count', 'login_ip', 'login_name', 'login_time', 'reg_time', 'role',
      'sign', 'status', 'token', 'user_id', 'user_name'
    ]
  )
  const claims = readUserToken(String(data.token), tokenKeys, new Date())
  t.match(claims, { userId: 1, loginName: PHONE }, 'the token names the user')

  const second = await bed.call(
    'POST',
    '/users/login',
    { payload: { login_name: PHONE, password: PASSWORD }, ip: '10.2.2.2' }
  )
  t.match(second.body.data, { login_ip: '10.1.1.1', login_count: 1, login_time: DATE_TIME }, 'the previous login')
  const third = await bed.call(
    'POST',
    '/users/login',
    { payload: { login_name: PHONE, password: PASSWORD }, ip: '10.3.3.3' }
  )
  t.match(third.body.data, { login_ip: '10.2.2.2', login_count: 2 })
  t.match(await bed.userNamed(PHONE), { login_count: 3, login_ip: '10.3.3.3' }, 'the latest login is recorded')
})

t.test('the login answer shows the user\'s consignor and driver records', async (t) => {
  const bed = await build(t)
  await activated(bed)
  await bed.app.store.collection<Row>('consignors').insertOne(
    { _id: 123, user_id: 1, contact_number: '0571-1', contact_name: '李四', company: '米阳', memo: '货方备注', device_id: 'x' }
  )
  await bed.app.store.collection<Row>('drivers').insertOne(
    { _id: 345, user_id: 1, plate_number: '浙A12345', contact_name: '王五' }
  )
  const answer = await bed.call('POST', '/users/login', { payload: { login_name: PHONE, password: PASSWORD } })
  t.same(
    (answer.body.data as Record<string, unknown>).consignors,
    { id: 123, contact_number: '0571-1', contact_name: '李四', company: '米阳', address: '', memo: '货方备注' }
  )
  t.same(
    (answer.body.data as Record<string, unknown>).drivers,
    { id: 345, contact_number: '', contact_name: '王五', plate_number: '浙A12345', memo: '' }
  )
})

t.test('a MeFP account the user center does not have is asked to activate first', async (t) => {
  const bed = await build(t)
  bed.mefp.addAccount(PHONE, { password: PASSWORD })
  const answer = await bed.call('POST', '/users/login', { payload: { login_name: PHONE, password: PASSWORD } })
  t.same(answer, { status: 404, body: { result: 0, msg: '该账号尚未激活，请先激活', code: 'IDENTITY_NOT_ACTIVATED' } })
  t.equal(await bed.userCount(), 0, 'nothing is stored')
})

t.test('a wrong password answers 401 with MeFP\'s reason; MeFP down answers 503', async (t) => {
  const bed = await build(t)
  await activated(bed)
  const wrong = await bed.call('POST', '/users/login', { payload: { login_name: PHONE, password: 'wrong' } })
  t.same(wrong, { status: 401, body: { result: 0, msg: '用户名或密码错误', code: 'IDENTITY_LOGIN_FAILED' } })
  t.equal(
    (await bed.call('POST', '/users/login', { payload: { login_name: '13999999999', password: 'x' } })).status,
    401,
    'an unknown account alike'
  )
  bed.mefp.setMode('down')
  const down = await bed.call('POST', '/users/login', { payload: { login_name: PHONE, password: PASSWORD } })
  t.same(down, { status: 503, body: { result: 0, msg: '统一认证平台暂不可用，请稍后再试', code: 'IDENTITY_MEFP_UNAVAILABLE' } })
  t.match(await bed.userNamed(PHONE), { login_count: 0 }, 'no login recorded')
})

t.test('a disabled user cannot log in', async (t) => {
  const bed = await build(t)
  await activated(bed)
  await bed.app.store.collection<User>('users').updateOne({ _id: 1 }, { $set: { status: 0 } })
  const answer = await bed.call('POST', '/users/login', { payload: { login_name: PHONE, password: PASSWORD } })
  t.equal(answer.status, 403)
  t.equal(answer.body.code, 'IDENTITY_USER_DISABLED')
})

t.test('failed logins are limited per login name, and the owner is not blamed for MeFP outages', async (t) => {
  const bed = await build(t)
  await activated(bed)
  bed.mefp.setMode('down')
  for (let i = 0; i < 6; i++) t.equal(
    (await bed.call('POST', '/users/login', { payload: { login_name: PHONE, password: 'wrong' } })).status,
    503
  )
  bed.mefp.setMode('ok')
  t.equal(
    (await bed.call('POST', '/users/login', { payload: { login_name: PHONE, password: PASSWORD } })).status,
    200,
    'outages are not failures'
  )

  const ips = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5']
  for (const ip of ips) t.equal(
    (await bed.call('POST', '/users/login', { payload: { login_name: PHONE, password: 'wrong' }, ip })).status,
    401
  )
  const locked = await bed.call(
    'POST',
    '/users/login',
    { payload: { login_name: PHONE, password: PASSWORD }, ip: '10.0.0.6' }
  )
  t.equal(locked.status, 429, 'the sixth try within the window is refused, even with the right password')
  t.equal(locked.body.code, 'IDENTITY_LOGIN_LOCKED')
  t.match(locked.body.msg, /^该账号登录失败次数过多，请\d+分钟后再试$/)
  const mefpLogins = bed.mefp.calls.login
  await bed.call('POST', '/users/login', { payload: { login_name: PHONE, password: 'wrong' } })
  t.equal(bed.mefp.calls.login, mefpLogins, 'MeFP is not asked while locked')
  t.equal(
    (
      await bed.call('POST', '/users/login', { payload: { login_name: '13900000001', password: 'x' }, ip: '10.0.0.1' })
    ).status,
    401,
    'other accounts are not locked'
  )
})

t.test('failed logins are limited per client IP across login names', async (t) => {
  const bed = await build(t)
  await activated(bed)
  const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) =>
    bed.call(
      'POST',
      '/users/login',
      { payload: { login_name: `1390000${String(i).padStart(4, '0')}`, password: 'x' }, ip: '192.0.2.9' }
    )))
  t.same(new Set(guesses.map((answer) => answer.status)), new Set([401]), '20 failures are answered')
  const locked = await bed.call(
    'POST',
    '/users/login',
    { payload: { login_name: PHONE, password: PASSWORD }, ip: '192.0.2.9' }
  )
  t.equal(locked.status, 429)
  t.same(locked.body.code, 'IDENTITY_LOGIN_IP_LOCKED')
  t.equal(
    (
      await bed.call('POST', '/users/login', { payload: { login_name: PHONE, password: PASSWORD }, ip: '192.0.2.10' })
    ).status,
    200,
    'the owner from another address'
  )
})

t.test('logins at once cannot slip past the limit', async (t) => {
  const bed = await build(t)
  await activated(bed)
  const answers = await Promise.all(
    Array.from(
      { length: 12 },
      () => bed.call('POST', '/users/login', { payload: { login_name: PHONE, password: 'wrong' } })
    )
  )
  t.equal(answers.filter((answer) => answer.status === 401).length, 5, 'five reach MeFP')
  t.equal(answers.filter((answer) => answer.status === 429).length, 7)
})

t.test('bad input answers 400 and counts no failure', async (t) => {
  const bed = await build(t)
  for (const body of [
    { login_name: PHONE },
    { login_name: 13812345678, password: 'x' },
    { login_name: PHONE, password: 1 },
    { login_name: '', password: 'x' },
    { login_name: 'a b', password: 'x' },
    { login_name: [PHONE], password: 'x' }
  ]) {
    const answer = await bed.call('POST', '/users/login', { payload: body })
    t.equal(answer.status, 400, JSON.stringify(body))
    t.equal(answer.body.code, 'KIT_VALIDATION')
  }
  t.equal(bed.mefp.calls.login, 0)
})

t.test('logs carry no password or token', async (t) => {
  const bed = await build(t)
  await activated(bed)
  const answer = await bed.call('POST', '/users/login', { payload: { login_name: PHONE, password: PASSWORD } })
  await bed.call('POST', '/users/login', { payload: { login_name: PHONE, password: 'wrong-one-in-no-log' } })
  const text = bed.logs.join('')
  t.notOk(text.includes(PASSWORD) || text.includes('wrong-one-in-no-log'), 'no password')
  t.notOk(text.includes(String((answer.body.data as Record<string, unknown>).token)), 'no token')
  t.notOk(text.includes(PHONE), 'no full phone')
})
