import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { createMefpCodec, MEFP_PATHS, openMefpBody, sealMefpBody, type MefpOperation } from '@driver/contracts/mefp'
import { MEFP_STATE_FILE, startMefpSimulator, type MefpSimulatorOptions } from '../../src/mefp/mefp-simulator.js'
import { MEFP_KEYS } from '../helper.js'

const PHONE = '13812345678'
const codec = createMefpCodec(MEFP_KEYS)

type Tap = { teardown: (fn: () => unknown) => void }

/** A simulator on a loopback port, closed after the test, and one call in MeFP's wire format. */
async function simulatorFor (t: Tap, options: Partial<MefpSimulatorOptions> = {}) {
  const simulator = await startMefpSimulator({ ...MEFP_KEYS, nodeEnv: 'test', ...options })
  t.teardown(() => simulator.close())
  const call = async (operation: MefpOperation, request: object): Promise<unknown> => {
    const response = await fetch(`${simulator.url}${MEFP_PATHS[operation]}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: sealMefpBody(codec, request)
    })
    return openMefpBody(codec, await response.text())
  }
  return { simulator, call }
}

t.test('with a data folder, accounts outlive a restart: registered, changed, or added over the ' +
  'control API', async (t) => {
  const dataDir = join(t.testdir(), 'simulators')
  const first = await simulatorFor(t, { dataDir })
  t.same(await first.call('register', { login_name: PHONE, password: 'first-password' }), { result: 1 })
  t.same(await first.call('password', { login_name: PHONE, new_password: 'second-password' }), { result: 1 })
  const added = await fetch(`${first.simulator.url}/sim/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login_name: '13900000001', password: 'added-password', reg_app: 'melink' })
  })
  t.equal(added.status, 200)
  first.simulator.addAccount('13900000002', { password: 'in-process' })
  await first.simulator.close()

  const file = join(dataDir, MEFP_STATE_FILE)
  t.equal(statSync(file).mode & 0o777, 0o600, 'the file is the owner\'s alone')
  const again = await simulatorFor(t, { dataDir })
  t.same(
    await again.call('login', { login_name: PHONE, password: 'second-password' }),
    { result: 1 },
    'the new password'
  )
  t.match(await again.call('login', { login_name: PHONE, password: 'first-password' }), { result: 0, code: 1002 })
  t.match(await again.call('check', { login_name: PHONE }), { result: 1, exists: true, reg_app: 'driver' })
  t.same(await again.call('login', { login_name: '13900000001', password: 'added-password' }), { result: 1 })
  t.match(await again.call('check', { login_name: '13900000001' }), { exists: true, reg_app: 'melink' })
  t.same(await again.call('login', { login_name: '13900000002', password: 'in-process' }), { result: 1 })
  t.match(await again.call('register', { login_name: PHONE, password: 'x-password' }), { result: 0, code: 1003 },
    'and registering it again is refused, as MeFP would')
})

t.test('an account is on disk by the time MeFP answers the register', async (t) => {
  const dataDir = t.testdir()
  const { call } = await simulatorFor(t, { dataDir })
  await call('register', { login_name: PHONE, password: 'first-password' })
  const kept = JSON.parse(readFileSync(join(dataDir, MEFP_STATE_FILE), 'utf8')) as { accounts: Record<string, unknown> }
  t.match(kept.accounts[PHONE], { password: 'first-password', reg_app: 'driver' })
})

t.test('without a data folder the accounts live in memory: a new simulator knows nobody', async (t) => {
  const dataDir = t.testdir()
  const first = await simulatorFor(t)
  await first.call('register', { login_name: PHONE, password: 'first-password' })
  await first.simulator.close()
  const second = await simulatorFor(t)
  t.match(await second.call('check', { login_name: PHONE }), { exists: false })
  t.same(readdirSync(dataDir), [], 'nothing written')
})

t.test('a state file that is not the simulator\'s stops the start, naming the file', async (t) => {
  const dataDir = t.testdir()
  writeFileSync(join(dataDir, MEFP_STATE_FILE), '{"accounts": {"13800000000": "not an account"}}')
  await t.rejects(startMefpSimulator({ ...MEFP_KEYS, dataDir }), {
    code: 'SIMULATOR_STATE_UNREADABLE', message: /mefp\.json is not what the simulator writes/
  })
  writeFileSync(join(dataDir, MEFP_STATE_FILE), 'not json')
  await t.rejects(startMefpSimulator({ ...MEFP_KEYS, dataDir }), { code: 'SIMULATOR_STATE_UNREADABLE' })
})
