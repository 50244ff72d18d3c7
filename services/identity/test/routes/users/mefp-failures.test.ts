import t from 'tap'
import { GOOD_CODE, build } from '../../helper.js'

const ACTIVE = '13812345670'
const NEW = '13812345671'
const ONLY_IN_MEFP = '13812345672'
const PASSWORD = 'secret-1'
const UNAVAILABLE = { status: 503, body: { result: 0, msg: '统一认证平台暂不可用，请稍后再试', code: 'IDENTITY_MEFP_UNAVAILABLE' } }
const MODES = ['wrong-shape', 'not-json', 'oversized', 'server-error', 'garbage'] as const

t.test('MeFP answering what it never sends: every account route answers the 503 envelope and ' +
  'nothing is stored', async (t) => {
  const { call, mefp, userNamed, userCount, sms } = await build(t)
  mefp.addAccount(ACTIVE, { password: PASSWORD })
  mefp.addAccount(ONLY_IN_MEFP, { password: PASSWORD })
  t.same(
    await call('POST', '/users/activate', { payload: { login_name: ACTIVE } }),
    { status: 200, body: { result: 1 } }
  )
  const before = await userNamed(ACTIVE)

  for (const mode of MODES) {
    mefp.setMode(mode)
    t.same(
      await call('POST', '/users/register', { payload: { login_name: NEW, password: PASSWORD, captcha: GOOD_CODE } }),
      UNAVAILABLE,
      `${mode}: register`
    )
    t.same(
      await call('POST', '/users/activate', { payload: { login_name: ONLY_IN_MEFP } }),
      UNAVAILABLE,
      `${mode}: activate`
    )
    t.same(
      await call('POST', '/users/login', { payload: { login_name: ACTIVE, password: PASSWORD } }),
      UNAVAILABLE,
      `${mode}: login`
    )
    t.same(await call('GET', `/users/check?login_name=${ACTIVE}`), UNAVAILABLE, `${mode}: check`)
    t.same(
      await call(
        'POST',
        '/users/password/reset',
        { payload: { login_name: ACTIVE, captcha: GOOD_CODE, password: 'secret-2' } }
      ),
      UNAVAILABLE,
      `${mode}: reset`
    )
  }
  t.equal(await userCount(), 1, 'no user was added')
  t.same(await userNamed(ACTIVE), before, 'the active user is as it was: no login recorded')
  t.notOk(mefp.accounts.has(NEW), 'MeFP has no new account')
  t.equal(mefp.accounts.get(ACTIVE)?.password, PASSWORD, 'nor a new password')
  t.same(sms.verified, [], 'no code was spent: MeFP is asked first')

  mefp.setMode('ok')
  t.equal(
    (await call('POST', '/users/login', { payload: { login_name: ACTIVE, password: PASSWORD } })).status,
    200,
    'MeFP back: the login works'
  )
  t.equal(
    (await call('POST', '/users/activate', { payload: { login_name: ONLY_IN_MEFP } })).status,
    200,
    'and so does the activation'
  )
})
