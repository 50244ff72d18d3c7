import t from 'tap'
import Value from 'typebox/value'
import { SmsPhoneVerified, SmsSend, SmsVerify } from '../src/index.js'

const verified = { wxUserId: '5f1d7c2e9b3a4c0012ab34cd', phone: '13812345678', verifiedAt: '2024-05-01T08:30:00.000Z' }

t.test('sms.phone_verified accepts a well-formed payload', async (t) => {
  t.ok(Value.Check(SmsPhoneVerified.payload, verified))
})

t.test('sms.phone_verified refuses a bad id, a foreign or short phone, ' +
  'a date without time, a missing field', async (t) => {
  t.notOk(Value.Check(SmsPhoneVerified.payload, { ...verified, wxUserId: '5F1D7C2E9B3A4C0012AB34CD' }))
  t.notOk(Value.Check(SmsPhoneVerified.payload, { ...verified, wxUserId: 'abc' }))
  t.notOk(Value.Check(SmsPhoneVerified.payload, { ...verified, phone: '+8613812345678' }))
  t.notOk(Value.Check(SmsPhoneVerified.payload, { ...verified, phone: '12812345678' }))
  t.notOk(Value.Check(SmsPhoneVerified.payload, { ...verified, phone: '1381234567' }))
  t.notOk(Value.Check(SmsPhoneVerified.payload, { ...verified, verifiedAt: '2024-05-01' }))
  const { verifiedAt: _dropped, ...withoutDate } = verified
  t.notOk(Value.Check(SmsPhoneVerified.payload, withoutDate))
})

t.test('sms.send takes only the three purposes, names the client IP, and answers sent or a coded refusal',
  async (t) => {
    for (const purpose of ['register', 'reset_password', 'wx_bind']) {
      t.ok(Value.Check(SmsSend.payload, { phone: '13812345678', purpose, clientIp: '203.0.113.5' }), purpose)
    }
    t.notOk(Value.Check(SmsSend.payload, { phone: '13812345678', purpose: 'login', clientIp: '203.0.113.5' }))
    t.notOk(Value.Check(SmsSend.payload, { phone: '13812345678', purpose: 'register' }),
      'a send without the client IP would escape its limits')
    t.ok(Value.Check(SmsSend.reply, { sent: true }))
    t.ok(Value.Check(SmsSend.reply, { sent: false, reason: '发送太频繁', code: 'SMS_TOO_SOON' }))
    t.notOk(Value.Check(SmsSend.reply, { sent: false }), 'a refusal says why')
    t.notOk(Value.Check(SmsSend.reply, { sent: false, reason: '发送太频繁', code: 'too soon' }),
      'codes are upper snake case')
  })

t.test('sms.verify wants a 6-digit code and answers verified or a coded refusal', async (t) => {
  t.ok(Value.Check(SmsVerify.payload, { phone: '13812345678', purpose: 'wx_bind', code: '012345' }))
  t.notOk(Value.Check(SmsVerify.payload, { phone: '13812345678', purpose: 'wx_bind', code: '12345' }))
  t.notOk(Value.Check(SmsVerify.payload, { phone: '13812345678', purpose: 'wx_bind', code: 123456 }))
  t.ok(Value.Check(SmsVerify.reply, { verified: true }))
  t.ok(Value.Check(SmsVerify.reply, { verified: false, reason: '验证码错误', code: 'SMS_CODE_WRONG' }))
  t.notOk(Value.Check(SmsVerify.reply, { verified: 'yes' }))
})
