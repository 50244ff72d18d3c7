import { pino } from 'pino'
import t from 'tap'
import { createMefpCodec } from '@driver/contracts/mefp'
import { KEYS, build, rejection } from '../../../helper.js'

const TEST_SECRET = KEYS.MEFP_SECRET
const TEST_IV = KEYS.APP_SECRET

const PHONE = '13812345678'

t.test('no password, key, IV, login name or encrypted body appears in any log line, even when ' +
  'things go wrong', async (t) => {
  const { mefp: simulator, mefpClient: client, mefpLogs: logs } = await build(t)
  const logger = pino({ level: 'debug' }, { write: (line: string) => { logs.push(line) } })
  const mefp = client({ timeoutMs: 1000, logger })
  const passwords = ['first-password-Aa1', 'wrong-password-Bb2', 'second-password-Cc3', 'reset-password-Dd4']
  const [first = '', wrong = '', second = '', reset = ''] = passwords
  const errors: unknown[] = []

  await mefp.register(PHONE, first)
  await mefp.login(PHONE, first)
  errors.push(await rejection(mefp.login(PHONE, wrong)))
  errors.push(await rejection(mefp.register(PHONE, wrong)))
  await mefp.changePassword(PHONE, second, first)
  errors.push(await rejection(mefp.changePassword(PHONE, reset, wrong)))
  await mefp.changePassword(PHONE, reset)
  for (const mode of ['slow', 'down', 'reset', 'garbage'] as const) {
    simulator.setMode(mode, 2000)
    errors.push(await rejection(mefp.login(PHONE, reset)))
  }
  simulator.setMode('ok')
  // A service logs whatever error it got, cause and all.
  for (const error of errors) logger.error({ err: error }, 'MeFP call failed')

  const codec = createMefpCodec({ secret: TEST_SECRET, iv: TEST_IV })
  const secrets = [
    ...passwords, TEST_SECRET, TEST_IV, PHONE,
    Buffer.from(TEST_SECRET).toString('base64'), Buffer.from(TEST_SECRET).toString('hex'),
    codec.encrypt({ login_name: PHONE, password: first }).slice(0, 24)
  ]
  t.ok(logs.some((line) => line.includes('MeFP refused')), 'refusals are logged')
  t.ok(
    logs.some((line) => line.includes('MeFP unavailable') && line.includes('no answer within 1000 ms')),
    'outages are logged with their reason'
  )
  t.ok(logs.some((line) => line.includes('MeFP answered')), 'answers are logged at debug')
  for (const secret of secrets) {
    t.same(logs.filter((line) => line.includes(secret)), [], `${secret.slice(0, 6)}… is in no log line`)
  }
})
