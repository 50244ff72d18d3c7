import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { openStore } from '@driver/store'
import { build } from '../../helper.js'

const IP = '203.0.113.9'
const phone = (n: number): string => `1381234${String(n).padStart(4, '0')}`

t.test('sends asked for over /wx and by identity over the bus count against the same address', async (t) => {
  const service = await build(t, { env: { SMS_IP_SENDS_PER_HOUR: '2' } })
  t.same((await service.wx('get', { phone: phone(1) }, { ip: IP })).body, { message: 'success' })
  t.same(await service.peer.request('sms.send', { phone: phone(2), purpose: 'register', clientIp: IP }), { sent: true })
  t.same(await service.peer.request('sms.send', { phone: phone(3), purpose: 'register', clientIp: IP }), {
    sent: false, reason: '该网络获取验证码过于频繁，请稍后再试', code: 'SMS_IP_LIMIT'
  })
  t.same(
    (await service.wx('get', { phone: phone(4) }, { ip: IP })).body,
    { message: '该网络获取验证码过于频繁，请稍后再试', code: 'SMS_IP_LIMIT' }
  )
  t.same([...await service.outbox(phone(3)), ...await service.outbox(phone(4))], [], 'nothing was sent')
  t.same(
    await service.peer.request('sms.send', { phone: phone(3), purpose: 'register', clientIp: '203.0.113.10' }),
    { sent: true },
    'another address is not affected'
  )
})

t.test('two sms processes on one store share the per-address limits instead of doubling them', async (t) => {
  const env = { SMS_IP_SENDS_PER_HOUR: '2', SMS_IP_CHECKS_PER_HOUR: '2' }
  // What two processes on one MongoDB see: one store, two services in front of it.
  const dataDir = await mkdtemp(join(tmpdir(), 'sms-shared-'))
  const store = await openStore({ service: 'sms', dataDir })
  const second = await build(t, { env, store })
  const shared = await build(t, { env, store })
  // Teardowns run in order: the services close the store first.
  t.teardown(() => rm(dataDir, { recursive: true, force: true }))
  t.equal((await second.wx('get', { phone: phone(1) }, { ip: IP })).body.message, 'success')
  t.equal((await shared.wx('get', { phone: phone(2) }, { ip: IP })).body.message, 'success')
  t.equal((await second.wx('get', { phone: phone(3) }, { ip: IP })).body.code, 'SMS_IP_LIMIT')
  t.equal((await shared.wx('get', { phone: phone(4) }, { ip: IP })).body.code, 'SMS_IP_LIMIT')

  t.equal((await second.wx('check', { phone: phone(1), code: '000000' }, { ip: IP })).status, 200)
  t.equal((await shared.wx('check', { phone: phone(1), code: '000000' }, { ip: IP })).status, 200)
  t.equal((await second.wx('check', { phone: phone(1), code: '000000' }, { ip: IP })).status, 429)
  t.equal((await shared.wx('check', { phone: phone(1), code: '000000' }, { ip: IP })).status, 429)
})

t.test('concurrent sends from one address cannot share the last slots', async (t) => {
  const service = await build(t, { env: { SMS_IP_SENDS_PER_HOUR: '3' } })
  const answers = await Promise.all(Array.from({ length: 12 }, async (_, i) =>
    (await service.wx('get', { phone: phone(i) }, { ip: IP })).body))
  t.equal(answers.filter((body) => body.message === 'success').length, 3, 'exactly three sends')
  t.equal(answers.filter((body) => body.code === 'SMS_IP_LIMIT').length, 9, 'the rest refused')
  const sent = await Promise.all(Array.from({ length: 12 }, async (_, i) => (await service.outbox(phone(i))).length))
  t.equal(sent.reduce((sum, n) => sum + n, 0), 3, 'three messages left')
})
