import { createCipheriv, createDecipheriv } from 'node:crypto'
import t from 'tap'
import { loadPlatformConfig } from '../src/config.js'
import { mefpOrSimulator, SIMULATOR_ONLY_MEFP_KEYS } from '../src/mefp-or-simulator.js'
import { startPlatform, type Platform } from '../src/platform.js'

/** One call in MeFP's assumed wire format, spelled out here independently of identity's client. */
async function callMefp (
  url: string,
  path: string,
  request: object,
  keys: { secret: string, iv: string }
): Promise<unknown> {
  const key = Buffer.from(keys.secret)
  const iv = Buffer.from(keys.iv)
  const cipher = createCipheriv('aes-256-cbc', key, iv)
  const data = Buffer.concat([cipher.update(JSON.stringify(request)), cipher.final()]).toString('base64')
  const response = await fetch(
    `${url}${path}`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data }) }
  )
  const answer = await response.json() as { data: string }
  const decipher = createDecipheriv('aes-256-cbc', key, iv)
  return JSON.parse(
    Buffer.concat([decipher.update(Buffer.from(answer.data, 'base64')), decipher.final()]).toString('utf8')
  )
}

t.test('the simulator-only key and IV are 32 and 16 bytes, as identity\'s configuration requires', async (t) => {
  t.equal(Buffer.byteLength(SIMULATOR_ONLY_MEFP_KEYS.secret), 32)
  t.equal(Buffer.byteLength(SIMULATOR_ONLY_MEFP_KEYS.iv), 16)
})

t.test('outside production, without MEFP_URL, the simulator runs and identity is given its URL and the ' +
  'simulator-only keys', async (t) => {
  const chosen = await mefpOrSimulator({ NODE_ENV: 'development', DATA_DIR: t.testdir() })
  t.teardown(() => chosen.close())
  t.match(chosen.settings, {
    MEFP_URL: /^http:\/\/127\.0\.0\.1:\d+$/,
    MEFP_SECRET: SIMULATOR_ONLY_MEFP_KEYS.secret,
    APP_SECRET: SIMULATOR_ONLY_MEFP_KEYS.iv
  })
  t.ok(chosen.simulator)
  chosen.simulator?.addAccount(
    '13812345678',
    { password: 'right-password-1', reg_app: 'melink', reg_time: '2011-07-23 20:27:00' }
  )
  t.same(await callMefp(
    chosen.settings.MEFP_URL ?? '',
    '/auth/check',
    { login_name: '13812345678' },
    SIMULATOR_ONLY_MEFP_KEYS
  ),
    { result: 1, exists: true, reg_app: 'melink', reg_time: '2011-07-23 20:27:00' }, 'it answers as MeFP')
})

t.test('a given MEFP_SECRET and APP_SECRET are the ones the simulator uses', async (t) => {
  const keys = { secret: 'given-key-0123456789abcdefghijkl', iv: 'given-iv-0123456' }
  const chosen = await mefpOrSimulator(
    { NODE_ENV: 'test', DATA_DIR: t.testdir(), MEFP_SECRET: keys.secret, APP_SECRET: keys.iv }
  )
  t.teardown(() => chosen.close())
  t.match(chosen.settings, { MEFP_SECRET: keys.secret, APP_SECRET: keys.iv })
  t.match(
    await callMefp(chosen.settings.MEFP_URL ?? '', '/auth/login', { login_name: '13900000000', password: 'x' }, keys),
    { result: 0, code: 1001 }
  )
})

t.test('a MEFP_URL in the environment, or production, means no simulator: the configuration goes ' +
  'through', async (t) => {
  const given = await mefpOrSimulator({ NODE_ENV: 'development', DATA_DIR: t.testdir(), MEFP_URL: 'http://127.0.0.1:9/mefp' })
  t.same(given.settings, { MEFP_URL: 'http://127.0.0.1:9/mefp', MEFP_SECRET: undefined, APP_SECRET: undefined })
  t.notOk(given.simulator)
  const production = await mefpOrSimulator({ NODE_ENV: 'production', DATA_DIR: t.testdir(), MEFP_URL: 'https://mefp.example.com', MEFP_SECRET: SIMULATOR_ONLY_MEFP_KEYS.secret, APP_SECRET: SIMULATOR_ONLY_MEFP_KEYS.iv })
  t.same(production.settings, { MEFP_URL: 'https://mefp.example.com', MEFP_SECRET: SIMULATOR_ONLY_MEFP_KEYS.secret, APP_SECRET: SIMULATOR_ONLY_MEFP_KEYS.iv })
  t.notOk(production.simulator)
  await given.close()
  await production.close()
})

t.test('the all-in-one platform runs the simulator with the simulator-only keys, and stops it with ' +
  'itself', async (t) => {
  const started: { platform?: Platform } = {}
  t.teardown(async () => { await started.platform?.close() })
  const dataDir = t.testdir()
  started.platform = await startPlatform(
    loadPlatformConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' })
  )
  const simulator = started.platform.mefpSimulator
  t.ok(simulator, 'a simulator runs')
  simulator?.addAccount('13812345678', { password: 'right-password-1' })
  t.same(
    await callMefp(
      simulator?.url ?? '',
      '/auth/login',
      { login_name: '13812345678', password: 'right-password-1' },
      SIMULATOR_ONLY_MEFP_KEYS
    ),
    { result: 1 }
  )

  await started.platform.close()
  started.platform = undefined
  await t.rejects(fetch(`${simulator?.url ?? ''}/sim/calls`), 'closed with the platform')
})
