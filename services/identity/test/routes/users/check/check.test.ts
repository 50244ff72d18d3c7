import t from 'tap'
import { build } from '../../../helper.js'

const PHONE = '13812345678'

t.test('check says where and when MeFP registered a login name, "" when it did not', async (t) => {
  const { call, mefp } = await build(t)
  mefp.addAccount(PHONE, { password: 'pw', reg_app: 'melink', reg_time: '2011-07-23 20:27:00' })
  t.same(
    await call('GET', `/users/check?login_name=${PHONE}`),
    { status: 200, body: { result: 1, data: { reg_app: 'melink', reg_time: '2011-07-23 20:27:00' } } }
  )
  t.same(
    await call('GET', '/users/check?login_name=13900000000'),
    { status: 200, body: { result: 1, data: { reg_app: '', reg_time: '' } } }
  )
  t.equal((await call('GET', '/users/check')).status, 400, 'no login name')
  t.equal((await call('GET', '/users/check?login_name=')).status, 400, 'an empty one')
  mefp.setMode('down')
  t.equal((await call('GET', `/users/check?login_name=${PHONE}`)).status, 503)
})
