import t from 'tap'
import { MefpRefusedError, MefpUnavailableError } from '../../../../src/errors.js'
import { SIMULATED_REFUSALS } from '@driver/simulators/mefp'
import { build, rejection } from '../../../helper.js'

const PHONE = '13812345678'
const PASSWORD = 'right-password-1'

t.test('login: the right password resolves; a wrong one and an unknown account are refused with ' +
  'MeFP\'s message', async (t) => {
  const { mefp: simulator, mefpClient: client } = await build(t)
  simulator.addAccount(PHONE, { password: PASSWORD })
  const mefp = client()
  await mefp.login(PHONE, PASSWORD)
  const wrong = await rejection(mefp.login(PHONE, 'wrong-password-1'))
  t.ok(wrong instanceof MefpRefusedError)
  t.match(
    wrong,
    {
      code: 'IDENTITY_MEFP_REFUSED',
      statusCode: 400,
      message: SIMULATED_REFUSALS.wrongPassword.msg,
      mefpCode: String(SIMULATED_REFUSALS.wrongPassword.code)
    }
  )
  const unknown = await rejection(mefp.login('13900000000', PASSWORD))
  t.match(unknown, { code: 'IDENTITY_MEFP_REFUSED', mefpCode: String(SIMULATED_REFUSALS.unknownAccount.code) })
  t.equal(simulator.calls.login, 3)
})

t.test('register: a new account can then log in; an existing one is refused', async (t) => {
  const { mefp: simulator, mefpClient: client } = await build(t, {
    mefp: { regApp: 'driver-test', clock: () => new Date('2026-03-01T04:30:00Z') }
  })
  const mefp = client()
  await mefp.register(PHONE, PASSWORD)
  t.same(simulator.accounts.get(PHONE), { password: PASSWORD, reg_app: 'driver-test', reg_time: '2026-03-01 12:30:00' })
  await mefp.login(PHONE, PASSWORD)
  const again = await rejection(mefp.register(PHONE, 'another-password'))
  t.match(
    again,
    {
      code: 'IDENTITY_MEFP_REFUSED',
      message: SIMULATED_REFUSALS.accountExists.msg,
      mefpCode: String(SIMULATED_REFUSALS.accountExists.code)
    }
  )
  t.equal(simulator.accounts.get(PHONE)?.password, PASSWORD, 'the first password stands')
})

t.test('check: an account that exists with its app and time, one that does not with empty ones', async (t) => {
  const { mefp: simulator, mefpClient: client } = await build(t)
  simulator.addAccount(PHONE, { password: PASSWORD, reg_app: 'melink', reg_time: '2011-07-23 20:27:00' })
  const mefp = client()
  t.same(await mefp.check(PHONE), { exists: true, reg_app: 'melink', reg_time: '2011-07-23 20:27:00' })
  t.same(await mefp.check('13900000000'), { exists: false, reg_app: '', reg_time: '' })
})

t.test('changePassword: with the old password, which must be right, or without it for a reset', async (t) => {
  const { mefp: simulator, mefpClient: client } = await build(t)
  simulator.addAccount(PHONE, { password: PASSWORD })
  const mefp = client()
  const wrongOld = await rejection(mefp.changePassword(PHONE, 'new-password-2', 'not-the-old-one'))
  t.match(wrongOld, { code: 'IDENTITY_MEFP_REFUSED', message: SIMULATED_REFUSALS.wrongOldPassword.msg })
  await mefp.login(PHONE, PASSWORD)
  await mefp.changePassword(PHONE, 'new-password-2', PASSWORD)
  await mefp.login(PHONE, 'new-password-2')
  t.type(await rejection(mefp.login(PHONE, PASSWORD)), MefpRefusedError, 'the old password no longer works')
  await mefp.changePassword(PHONE, 'reset-password-3')
  await mefp.login(PHONE, 'reset-password-3')
  t.match(
    await rejection(mefp.changePassword('13900000000', 'whatever-4')),
    { code: 'IDENTITY_MEFP_REFUSED', mefpCode: String(SIMULATED_REFUSALS.noSuchAccount.code) }
  )
})

t.test('a MeFP slower than the timeout, down, resetting or answering garbage is unavailable (503), ' +
  'never a refusal', async (t) => {
  const { mefp: simulator, mefpClient: client } = await build(t)
  simulator.addAccount(PHONE, { password: PASSWORD })
  const mefp = client({ timeoutMs: 300 })

  simulator.setMode('slow', 3000)
  const started = Date.now()
  const slow = await rejection(mefp.login(PHONE, PASSWORD))
  t.ok(slow instanceof MefpUnavailableError)
  t.match(
    slow,
    {
      code: 'IDENTITY_MEFP_UNAVAILABLE',
      statusCode: 503,
      message: '统一认证平台暂不可用，请稍后再试',
      cause: { message: /no answer within 300 ms/ }
    }
  )
  t.ok(Date.now() - started < 2000, 'it gave up at its timeout, not when MeFP answered')

  simulator.setMode('slow', 20)
  await mefp.login(PHONE, PASSWORD)
  t.pass('a little slow is fine')

  for (const [mode, reason] of [
    ['down', /HTTP 503/],
    ['reset', /unreachable/],
    ['garbage', /does not decrypt \(base64\)/]
  ] as const) {
    simulator.setMode(mode)
    const error = await rejection(mefp.check(PHONE))
    t.match(error, { code: 'IDENTITY_MEFP_UNAVAILABLE', statusCode: 503, cause: { message: reason } }, mode)
  }
  simulator.setMode('ok')
  t.same(
    await mefp.check(PHONE),
    { exists: true, reg_app: 'driver', reg_time: simulator.accounts.get(PHONE)?.reg_time },
    'and it is back'
  )
})

t.test('a well encrypted answer of the wrong shape, a body that is not JSON, one over 64 KiB and an HTTP 500 are ' +
  'unavailable (503)', async (t) => {
  const { mefp: simulator, mefpClient: client, mefpLogs: logs } = await build(t)
  simulator.addAccount(PHONE, { password: PASSWORD })
  const mefp = client()
  const cases = [
    [
      'wrong-shape',
      () => mefp.check(PHONE),
      /check: an answer of an unexpected shape/,
      'check answering {"result":1} without "exists"'
    ],
    [
      'wrong-shape',
      () => mefp.login(PHONE, PASSWORD),
      /login: an answer of an unexpected shape/,
      'login answering {"result":"x"}'
    ],
    [
      'wrong-shape',
      () => mefp.register('13900000000', PASSWORD),
      /register: an answer of an unexpected shape/,
      'register answering {"result":"x"}'
    ],
    ['not-json', () => mefp.check(PHONE), /an answer that is not JSON/, 'a body that is not JSON'],
    ['oversized', () => mefp.check(PHONE), /an answer larger than 65536 bytes/, 'an answer over 64 KiB'],
    ['server-error', () => mefp.login(PHONE, PASSWORD), /HTTP 500/, 'HTTP 500, even with a done answer in it']
  ] as const
  for (const [mode, attempt, reason, name] of cases) {
    simulator.setMode(mode)
    const error = await rejection(attempt())
    t.ok(error instanceof MefpUnavailableError, `${name}: unavailable`)
    t.match(
      error,
      { code: 'IDENTITY_MEFP_UNAVAILABLE', statusCode: 503, message: '统一认证平台暂不可用，请稍后再试', cause: { message: reason } },
      `${name}: the reason is logged as the cause`
    )
    t.notOk(error instanceof MefpRefusedError, `${name}: never a refusal`)
  }
  t.notOk(simulator.accounts.has('13900000000'), 'nothing registered')
  t.equal(
    logs.filter((line) => line.includes('"MeFP unavailable"')).length,
    cases.length,
    'each logged once as unavailable'
  )
  simulator.setMode('ok')
  await mefp.login(PHONE, PASSWORD)
  t.pass('and back to normal')
})

t.test('a MeFP that answers with other keys, or is not there at all, is unavailable', async (t) => {
  const { mefpClient: client } = await build(t, { mefp: { secret: 'another-key-0123456789abcdefghij' } })
  t.match(
    await rejection(client().check(PHONE)),
    { code: 'IDENTITY_MEFP_UNAVAILABLE', cause: { message: /does not decrypt/ } }
  )
  const closed = await build(t)
  const url = closed.mefp.url
  await closed.mefp.close()
  t.match(
    await rejection(client({ url }).check(PHONE)),
    { code: 'IDENTITY_MEFP_UNAVAILABLE', cause: { message: /unreachable \(ECONNREFUSED\)/ } }
  )
})

t.test('the simulator\'s control API over HTTP: mode, accounts and call counts', async (t) => {
  const { mefp: simulator, mefpClient: client } = await build(t)
  const post = (path: string, body: object) =>
    fetch(
      `${simulator.url}${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
    )
  t.equal((await post('/sim/accounts', { login_name: PHONE, password: PASSWORD, reg_app: 'melink' })).status, 200)
  t.equal((await post('/sim/accounts', { login_name: PHONE })).status, 400, 'a password is required')
  const mefp = client({ timeoutMs: 200 })
  await mefp.login(PHONE, PASSWORD)
  t.same(await (await post('/sim/mode', { mode: 'slow', delayMs: 1000 })).json(), { mode: 'slow', delayMs: 1000 })
  t.match(await rejection(mefp.check(PHONE)), { code: 'IDENTITY_MEFP_UNAVAILABLE' })
  t.equal((await post('/sim/mode', { mode: 'sideways' })).status, 400)
  t.equal((await post('/sim/mode', { mode: 'ok', delayMs: 0 })).status, 200)
  t.match(await mefp.check(PHONE), { exists: true, reg_app: 'melink' })
  t.same(await (await fetch(`${simulator.url}/sim/calls`)).json(), { login: 1, register: 0, check: 2, password: 0 })
})
