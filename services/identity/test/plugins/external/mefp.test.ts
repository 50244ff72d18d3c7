import { describeFailure, failureReply } from '@driver/kit'
import Fastify from 'fastify'
import t from 'tap'
import { MefpRefusedError, MefpUnavailableError } from '../../../src/errors.js'
import { mefp, type MefpClient } from '../../../src/plugins/external/mefp.js'
import { KEYS, build, rejection } from '../../helper.js'

t.test('from the configuration, app.mefp talks to MEFP_URL with the configured key and IV', async (t) => {
  const { mefp: simulator } = await build(t)
  simulator.addAccount('13812345678', { password: 'right-password-1' })
  const app = Fastify()
  t.teardown(() => app.close())
  await app.register(
    mefp,
    {
      config: {
        MEFP_URL: simulator.url, MEFP_SECRET: KEYS.MEFP_SECRET, APP_SECRET: KEYS.APP_SECRET, MEFP_TIMEOUT_MS: 1000
      }
    }
  )
  await app.ready()
  await app.mefp.login('13812345678', 'right-password-1')
  t.equal(simulator.calls.login, 1)
})

t.test('a client handed in is the one decorated', async (t) => {
  const client: MefpClient = {
    login: async () => {},
    register: async () => {},
    check: async () => ({ exists: true, reg_app: 'given', reg_time: '' }),
    changePassword: async () => {}
  }
  const app = Fastify()
  t.teardown(() => app.close())
  await app.register(mefp, { config: { MEFP_TIMEOUT_MS: 1000 }, client })
  t.equal(app.mefp, client)
})

t.test('without MeFP settings (development only), every call is unavailable', async (t) => {
  const app = Fastify()
  t.teardown(() => app.close())
  await app.register(mefp, { config: { MEFP_TIMEOUT_MS: 1000 } })
  t.match(await rejection(app.mefp.login('13812345678', 'x')), { code: 'IDENTITY_MEFP_UNAVAILABLE', statusCode: 503 })
  t.match(await rejection(app.mefp.check('13812345678')), { code: 'IDENTITY_MEFP_UNAVAILABLE' })
})

t.test('in the /users envelope, a refusal is a 400 with MeFP\'s message and an outage a 503 with ours', async (t) => {
  t.same(failureReply('users', describeFailure(new MefpRefusedError('用户名或密码错误', '1002'))), {
    status: 400, body: { result: 0, msg: '用户名或密码错误', code: 'IDENTITY_MEFP_REFUSED' }
  })
  t.same(
    failureReply('users', describeFailure(new MefpRefusedError('  ', ''))).body,
    { result: 0, msg: '统一认证平台拒绝了请求', code: 'IDENTITY_MEFP_REFUSED' },
    'a refusal without a reason'
  )
  t.equal(new MefpRefusedError('很长'.repeat(200), '').message.length, 200, 'MeFP\'s text is kept to one short line')
  t.same(failureReply(
    'users',
    describeFailure(new MefpUnavailableError({ cause: new Error('MeFP login: HTTP 502') }))
  ), {
    status: 503, body: { result: 0, msg: '统一认证平台暂不可用，请稍后再试', code: 'IDENTITY_MEFP_UNAVAILABLE' }
  })
})
