import t from 'tap'
import { EventEmitter, once } from 'node:events'
import { PHONE, USER_ID, build, latestCode } from '../../../helper.js'

/** Another WeChat user, who knows A's phone number. */
const OTHER_USER = '6a0b1c2d3e4f5a6b7c8d9e0f'
const wrong = (code: string): string => code === '000000' ? '000001' : '000000'

t.test('another WeChat user\'s wrong checks do not lock the code a user asked for', async (t) => {
  const service = await build(t)
  t.same((await service.wx('get', { phone: PHONE })).body, { message: 'success' })
  const code = await latestCode(service)
  for (let i = 1; i <= 6; i++) {
    t.same(
      (await service.wx('check', { phone: PHONE, code: wrong(code) }, { user: OTHER_USER })).body,
      { message: '验证码错误', code: 'SMS_CODE_WRONG' },
      `B's check ${i} answers as if no code had been sent`
    )
  }
  t.same((await service.wx('check', { phone: PHONE, code })).body, { message: 'success' }, 'A\'s code still works')
})

t.test('another WeChat user cannot verify with the code a user asked for, so the phone is not theirs', async (t) => {
  const service = await build(t)
  const verified = new EventEmitter()
  const owners: string[] = []
  await service.peer.subscribe('sms.phone_verified', ({ wxUserId }) => {
    owners.push(wxUserId)
    verified.emit('event', wxUserId)
  })
  t.same((await service.wx('get', { phone: PHONE })).body, { message: 'success' })
  const code = await latestCode(service)
  t.same(
    (await service.wx('check', { phone: PHONE, code }, { user: OTHER_USER })).body,
    { message: '验证码错误', code: 'SMS_CODE_WRONG' }
  )
  const event = once(verified, 'event')
  t.same((await service.wx('check', { phone: PHONE, code })).body, { message: 'success' })
  await event
  t.same(owners, [USER_ID], 'the phone is bound to the user who asked for the code, and to nobody else')
})

t.test('each WeChat user asking for the same phone gets a code of their own', async (t) => {
  const service = await build(t)
  t.same((await service.wx('get', { phone: PHONE }, { user: OTHER_USER })).body, { message: 'success' })
  const othersCode = await latestCode(service)
  service.clock.advance(61_000)
  t.same((await service.wx('get', { phone: PHONE })).body, { message: 'success' })
  const ownCode = await latestCode(service)
  if (ownCode !== othersCode) {
    t.equal((await service.wx('check', { phone: PHONE, code: othersCode })).body.code, 'SMS_CODE_WRONG',
      'one user\'s code does not verify another')
  }
  t.same((await service.wx('check', { phone: PHONE, code: ownCode })).body, { message: 'success' })
  t.same((await service.wx('check', { phone: PHONE, code: othersCode }, { user: OTHER_USER })).body,
    { message: 'success' }, 'and the other\'s own code was not replaced')
})
