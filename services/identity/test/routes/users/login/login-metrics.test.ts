import t from 'tap'
import { metricValue } from '@driver/testing'
import type { User } from '../../../../src/domain/user.js'
import { build } from '../../../helper.js'

const PHONE = '13812345678'
const PASSWORD = 'right-password'

t.test('failed logins are counted by kind and lockouts apart, never with a login name or address', async (t) => {
  const bed = await build(t)
  const login = async (loginName: string, password: string, ip = '10.0.0.1') =>
    (await bed.call('POST', '/users/login', { payload: { login_name: loginName, password }, ip })).status
  bed.mefp.addAccount(PHONE, { password: PASSWORD })
  t.equal(await login(PHONE, PASSWORD), 404, 'not activated yet')
  t.equal((await bed.call('POST', '/users/activate', { payload: { login_name: PHONE, sign: '' } })).status, 200)
  for (let i = 0; i < 5; i++) t.equal(await login(PHONE, 'wrong', `10.0.0.${i + 1}`), 401)
  t.equal(await login(PHONE, PASSWORD, '10.0.0.9'), 429, 'locked')
  t.equal(await login(PHONE, PASSWORD, '10.0.0.9'), 429, 'still locked')
  bed.mefp.setMode('down')
  t.equal(await login('13900000001', 'x'), 503, 'an outage')
  bed.mefp.setMode('ok')
  bed.mefp.addAccount('13900000002', { password: PASSWORD })
  t.equal((await bed.call('POST', '/users/activate', { payload: { login_name: '13900000002', sign: '' } })).status, 200)
  await bed.app.store.collection<User>('users').updateOne({ login_name: '13900000002' }, { $set: { status: 0 } })
  t.equal(await login('13900000002', PASSWORD), 403, 'disabled')

  const answer = await bed.app.inject({ method: 'GET', url: '/metrics' })
  t.equal(answer.statusCode, 200)
  const text = answer.body
  t.equal(metricValue(text, 'login_failures_total', { service: 'identity', kind: 'password' }), 5)
  t.equal(metricValue(text, 'login_failures_total', { kind: 'not_activated' }), 1)
  t.equal(metricValue(text, 'login_failures_total', { kind: 'disabled' }), 1)
  t.equal(metricValue(text, 'login_failures_total'), 7, 'an outage is no failed login')
  t.equal(metricValue(text, 'login_lockouts_total', { service: 'identity' }), 2)
  t.notMatch(text, /1381234|1390000|10\.0\.0/)
})
