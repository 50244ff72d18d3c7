import t from 'tap'
import { FAILURES_PER_ADDRESS, FAILURES_PER_LOGIN_NAME, LOGIN_WINDOW_MS } from '../../../src/domain/login-limits.js'
import { build } from '../../helper.js'

type Tap = Parameters<typeof build>[0]

/** `app.loginLimits` of the service. */
const buildLimits = async (t: Tap) => (await build(t)).app.loginLimits

/** A clock the test moves by hand, from the start of a window. */
const windowStart = new Date(Math.ceil(Date.now() / LOGIN_WINDOW_MS) * LOGIN_WINDOW_MS)
const at = (ms: number) => new Date(windowStart.getTime() + ms)

t.test('a login name is locked after its failures, until its window ends', async (t) => {
  const limits = await buildLimits(t)
  for (let i = 0; i < FAILURES_PER_LOGIN_NAME; i++) await limits.reserve('13800000001', `10.0.0.${i}`, at(i * 1000))
  await t.rejects(
    limits.reserve('13800000001', '10.9.9.9', at(60_000)),
    { code: 'IDENTITY_LOGIN_LOCKED', statusCode: 429, message: '该账号登录失败次数过多，请14分钟后再试' }
  )
  await t.rejects(
    limits.reserve('13800000001', '10.9.9.9', at(LOGIN_WINDOW_MS - 1)),
    { message: '该账号登录失败次数过多，请1分钟后再试' }
  )
  const next = await limits.reserve('13800000001', '10.9.9.9', at(LOGIN_WINDOW_MS))
  t.ok(next, 'the next window lets the owner in again')
  t.ok(await limits.reserve('13800000002', '10.9.9.9', at(60_000)), 'another login name is not locked')
})

t.test('a released reservation (a login that did not fail) is not counted', async (t) => {
  const limits = await buildLimits(t)
  for (let i = 0; i < FAILURES_PER_LOGIN_NAME * 3; i++) {
    await (await limits.reserve('13800000001', '10.0.0.1', at(i))).release()
  }
  for (let i = 0; i < FAILURES_PER_LOGIN_NAME; i++) await limits.reserve('13800000001', '10.0.0.1', at(1000 + i))
  await t.rejects(limits.reserve('13800000001', '10.0.0.1', at(2000)), { code: 'IDENTITY_LOGIN_LOCKED' })
})

t.test('an address is locked after its failures across login names, and its lock takes no place of ' +
  'the name', async (t) => {
  const limits = await buildLimits(t)
  for (let i = 0; i < FAILURES_PER_ADDRESS; i++) await limits.reserve(
    `1380000${String(i).padStart(4, '0')}`,
    '192.0.2.1',
    at(i)
  )
  await t.rejects(
    limits.reserve('13900000000', '192.0.2.1', at(5 * 60_000)),
    { code: 'IDENTITY_LOGIN_IP_LOCKED', statusCode: 429, message: '登录失败次数过多，请10分钟后再试' }
  )
  for (let i = 0; i < FAILURES_PER_LOGIN_NAME - 1; i++) await t.rejects(
    limits.reserve('13900000000', '192.0.2.1', at(5 * 60_000 + i)),
    { code: 'IDENTITY_LOGIN_IP_LOCKED' }
  )
  t.ok(
    await limits.reserve('13900000000', '192.0.2.2', at(5 * 60_000 + 10)),
    'the login name still has its places from elsewhere'
  )
  t.ok(
    await limits.reserve('13900000001', '192.0.2.1', at(LOGIN_WINDOW_MS + 1)),
    'the address recovers in the next window'
  )
})
