import t from 'tap'
import { ADMIN, build } from '../../../helper.js'

const PHONE = '13812345678'

t.test('an account MeFP has is activated with MeFP\'s reg_app and reg_time', async (t) => {
  const { call, mefp, userNamed } = await build(t)
  mefp.addAccount(PHONE, { password: 'pw', reg_app: 'melink', reg_time: '2011-07-23 20:27:00' })
  const answer = await call(
    'POST',
    '/users/activate',
    { payload: { login_name: PHONE, user_name: '张三', city: '杭州', sign: 's', memo: 'm' } }
  )
  t.same(answer, { status: 200, body: { result: 1 } })
  const user = await userNamed(PHONE)
  t.match(
    user,
    {
      _id: 1, user_name: '张三', city: '杭州', sign: 's', memo: 'm', role: 0, area: '', status: 1, checked: 0,
      reg_app: 'melink', login_count: 0
    }
  )
  t.same(user?.reg_time, new Date('2011-07-23T12:27:00Z'), 'MeFP\'s time, read in Asia/Shanghai')

  const again = await call('POST', '/users/activate', { payload: { login_name: PHONE } })
  t.same(again, { status: 409, body: { result: 0, msg: '该账号已存在，请直接登录', code: 'IDENTITY_USER_EXISTS' } })
})

t.test('an administrator\'s account is activated as one', async (t) => {
  const { call, mefp, userNamed } = await build(t)
  mefp.addAccount(ADMIN, { password: 'pw' })
  t.equal((await call('POST', '/users/activate', { payload: { login_name: ADMIN } })).status, 200)
  t.match(await userNamed(ADMIN), { role: 9, area: '' })
})

t.test('an account MeFP does not know is sent to register', async (t) => {
  const { call, userCount } = await build(t)
  const answer = await call('POST', '/users/activate', { payload: { login_name: PHONE } })
  t.same(answer, { status: 404, body: { result: 0, msg: '统一认证平台中不存在该账号，请先注册', code: 'IDENTITY_NOT_IN_MEFP' } })
  t.equal(await userCount(), 0)
})

t.test('MeFP out of reach or answering garbage: 503, nothing stored', async (t) => {
  const { call, mefp, userCount } = await build(t)
  mefp.addAccount(PHONE, { password: 'pw' })
  for (const mode of ['down', 'garbage'] as const) {
    mefp.setMode(mode)
    const answer = await call('POST', '/users/activate', { payload: { login_name: PHONE } })
    t.equal(answer.status, 503, mode)
    t.equal(answer.body.code, 'IDENTITY_MEFP_UNAVAILABLE', mode)
  }
  t.equal(await userCount(), 0)
})

t.test('of activations of one login name at once, exactly one is stored; the others conflict', async (t) => {
  const { call, mefp, userCount } = await build(t)
  mefp.addAccount(PHONE, { password: 'pw' })
  const answers = await Promise.all(
    Array.from({ length: 5 }, () => call('POST', '/users/activate', { payload: { login_name: PHONE } }))
  )
  t.equal(answers.filter((answer) => answer.status === 200).length, 1)
  t.same(
    answers.filter((answer) => answer.status !== 200).map((answer) => answer.body.code),
    Array(4).fill('IDENTITY_USER_EXISTS')
  )
  t.equal(await userCount(), 1)
})

t.test('bad activation input answers 400', async (t) => {
  const { call, mefp, userCount } = await build(t)
  for (const body of [
    {},
    { login_name: 5 },
    { login_name: PHONE, city: ['杭州'] },
    { login_name: PHONE, sign: 's'.repeat(257) }
  ]) {
    const answer = await call('POST', '/users/activate', { payload: body })
    t.equal(answer.status, 400, JSON.stringify(body).slice(0, 60))
  }
  t.equal(mefp.calls.check, 0)
  t.equal(await userCount(), 0)
})
