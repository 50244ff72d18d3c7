import t from 'tap'
import { build } from '../../helper.js'

const phone = (n: number): string => `1391234${String(n).padStart(4, '0')}`
/** One address per send, so only the platform's budget can refuse. */
const ip = (n: number): string => `198.51.100.${n + 1}`
const REFUSAL = { message: '短信发送量已达平台上限，请稍后再试', code: 'SMS_BUDGET_EXHAUSTED' }

/** The error-level log lines that name a budget. */
function budgetAlarms (logs: string[], budget: string): unknown[] {
  return logs.map((line) => JSON.parse(line) as { level: string, budget?: string })
    .filter((line) => line.level === 'error' && line.budget === budget)
}

t.test('beyond SMS_SENDS_PER_HOUR nothing is sent, the refusal is clear, an error names the budget', async (t) => {
  const service = await build(t, { env: { SMS_SENDS_PER_HOUR: '2' } })
  t.same((await service.wx('get', { phone: phone(1) }, { ip: ip(1) })).body, { message: 'success' })
  t.same(await service.peer.request('sms.send', { phone: phone(2), purpose: 'register', clientIp: ip(2) }),
    { sent: true })
  t.same((await service.wx('get', { phone: phone(3) }, { ip: ip(3) })).body, REFUSAL, '/wx: the refusal')
  t.same(await service.peer.request('sms.send', { phone: phone(4), purpose: 'register', clientIp: ip(4) }),
    { sent: false, reason: REFUSAL.message, code: REFUSAL.code }, 'the bus: the refusal in the reply')
  t.same([...await service.outbox(phone(3)), ...await service.outbox(phone(4))], [], 'nothing was sent')
  t.equal(budgetAlarms(service.logs, 'SMS_SENDS_PER_HOUR').length, 2, 'each refusal is logged as an error')

  service.clock.advance(3600_000)
  t.same((await service.wx('get', { phone: phone(3) }, { ip: ip(3) })).body, { message: 'success' },
    'the next hour has a budget again')
})

t.test('SMS_SENDS_PER_DAY holds over the hours of a day', async (t) => {
  const service = await build(t, { env: { SMS_SENDS_PER_DAY: '2', TIME_ZONE: 'UTC' } })
  // Noon, so that three hours later is still the same day.
  service.clock.advance(Date.UTC(2031, 0, 1, 12) - service.clock.now().getTime())
  t.equal((await service.wx('get', { phone: phone(1) }, { ip: ip(1) })).body.message, 'success')
  service.clock.advance(3600_000)
  t.equal((await service.wx('get', { phone: phone(2) }, { ip: ip(2) })).body.message, 'success')
  service.clock.advance(3600_000)
  t.same((await service.wx('get', { phone: phone(3) }, { ip: ip(3) })).body, REFUSAL)
  t.equal(budgetAlarms(service.logs, 'SMS_SENDS_PER_DAY').length, 1)
  service.clock.advance(24 * 3600_000)
  t.equal((await service.wx('get', { phone: phone(3) }, { ip: ip(3) })).body.message, 'success', 'the next day')
})

t.test('concurrent sends cannot take the last of the budget twice', async (t) => {
  const service = await build(t, { env: { SMS_SENDS_PER_HOUR: '5' } })
  const answers = await Promise.all(Array.from({ length: 20 }, async (_, i) =>
    i % 2 === 0
      ? (await service.wx('get', { phone: phone(i) }, { ip: ip(i) })).body.message === 'success'
      : (await service.peer.request('sms.send', { phone: phone(i), purpose: 'register', clientIp: ip(i) })).sent))
  t.equal(answers.filter(Boolean).length, 5, 'exactly the budget was sent')
  const sent = await Promise.all(Array.from({ length: 20 }, async (_, i) => (await service.outbox(phone(i))).length))
  t.equal(sent.reduce((sum, n) => sum + n, 0), 5, 'five messages left')
})

t.test('a refusal by the phone\'s own limits costs no budget', async (t) => {
  const service = await build(t, { env: { SMS_SENDS_PER_HOUR: '2' } })
  t.equal((await service.wx('get', { phone: phone(1) }, { ip: ip(1) })).body.message, 'success')
  t.equal((await service.wx('get', { phone: phone(1) }, { ip: ip(2) })).body.code, 'SMS_RESEND_TOO_SOON')
  t.equal((await service.wx('get', { phone: phone(2) }, { ip: ip(3) })).body.message, 'success')
})
