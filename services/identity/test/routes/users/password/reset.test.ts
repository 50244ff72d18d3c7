import t from 'tap'
import { GOOD_CODE, build } from '../../../helper.js'

const PHONE = '13812345678'

t.test('a password is reset with a code, through MeFP', async (t) => {
  const { call, mefp, sms } = await build(t)
  mefp.addAccount(PHONE, { password: 'old-password' })
  t.same(
    await call(
      'POST',
      '/users/password/reset',
      { payload: { login_name: PHONE, captcha: GOOD_CODE, password: 'new-password' } }
    ),
    { status: 200, body: { result: 1 } }
  )
  t.equal(mefp.accounts.get(PHONE)?.password, 'new-password')
  t.same(sms.verified, [{ phone: PHONE, purpose: 'reset_password' }])

  const wrong = await call(
    'POST',
    '/users/password/reset',
    { payload: { login_name: PHONE, captcha: '000000', password: 'third-password' } }
  )
  t.same(wrong, { status: 400, body: { result: 0, msg: '验证码错误', code: 'IDENTITY_CAPTCHA_REFUSED' } })
  t.equal(mefp.accounts.get(PHONE)?.password, 'new-password', 'unchanged')

  const verifiedBefore = sms.verified.length
  const unknown = await call(
    'POST',
    '/users/password/reset',
    { payload: { login_name: '13900000000', captcha: GOOD_CODE, password: 'whatever-1' } }
  )
  t.same(
    unknown,
    { status: 404, body: { result: 0, msg: '统一认证平台中不存在该账号，请先注册', code: 'IDENTITY_NOT_IN_MEFP' } },
    'an account MeFP does not have'
  )
  mefp.setMode('down')
  t.equal(
    (
      await call(
        'POST',
        '/users/password/reset',
        { payload: { login_name: PHONE, captcha: GOOD_CODE, password: 'third-password' } }
      )
    ).status,
    503
  )
  t.equal(sms.verified.length, verifiedBefore, 'neither spent a code: MeFP is asked first')
  t.equal(
    (
      await call(
        'POST',
        '/users/password/reset',
        { payload: { login_name: PHONE, captcha: GOOD_CODE, password: 'short' } }
      )
    ).status,
    400,
    'too short'
  )
})
