import { existsSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { buildMefpSimulator, startMefpSimulator } from '../src/mefp/mefp-simulator.js'
import { SimulatorInProductionError } from '../src/production-guard.js'
import { buildWechatSimulator, startWechatSimulator } from '../src/wechat/index.js'
import { APP_ID, APP_SECRET, MEFP_KEYS } from './helper.js'

t.test('neither simulator runs with NODE_ENV=production: one guard, one error', async (t) => {
  const wechat = { appId: APP_ID, secret: APP_SECRET, nodeEnv: 'production' }
  const mefp = { ...MEFP_KEYS, nodeEnv: 'production' }
  await t.rejects(buildWechatSimulator(wechat), SimulatorInProductionError)
  await t.rejects(startWechatSimulator(wechat), {
    code: 'SIMULATOR_IN_PRODUCTION', simulator: 'WeChat',
    message: 'the WeChat simulator never runs with NODE_ENV=production'
  })
  await t.rejects(buildMefpSimulator(mefp), SimulatorInProductionError)
  await t.rejects(startMefpSimulator(mefp), {
    code: 'SIMULATOR_IN_PRODUCTION', simulator: 'MeFP',
    message: 'the MeFP simulator never runs with NODE_ENV=production'
  })
})

t.test('refused before anything is read or written: no data folder is made in production', async (t) => {
  const dataDir = join(t.testdir(), 'simulators')
  await t.rejects(startMefpSimulator({ ...MEFP_KEYS, nodeEnv: 'production', dataDir }), SimulatorInProductionError)
  await t.rejects(startWechatSimulator({ appId: APP_ID, secret: APP_SECRET, nodeEnv: 'production', dataDir }))
  t.notOk(existsSync(dataDir))
})

t.test('development and test are fine', async (t) => {
  for (const nodeEnv of ['development', 'test', undefined]) {
    const wechat = await buildWechatSimulator({ appId: APP_ID, secret: APP_SECRET, nodeEnv })
    const mefp = await buildMefpSimulator({ ...MEFP_KEYS, nodeEnv })
    t.ok(wechat.app && mefp.app, String(nodeEnv))
    await wechat.close()
    await mefp.close()
  }
})
