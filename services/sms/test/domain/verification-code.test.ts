import t from 'tap'
import { CODE_LENGTH, generateCode, hashCode, hashesMatch } from '../../src/domain/verification-code.js'
import { normalizePhone } from '../../src/domain/phone.js'
import { secondsUntilResend, sendDay } from '../../src/domain/send-limits.js'

t.test('codes are six digits, leading zeros kept, and not repeating', async (t) => {
  const codes = Array.from({ length: 2000 }, generateCode)
  t.ok(codes.every((code) => /^\d{6}$/.test(code) && code.length === CODE_LENGTH))
  t.ok(new Set(codes).size > 1990, 'practically no repeats in 2000 draws')
  const firstDigits = new Set(codes.map((code) => code[0]))
  t.equal(firstDigits.size, 10, 'every leading digit occurs, including 0')
})

t.test('a code hash is bound to its secret, phone and purpose', async (t) => {
  const hash = hashCode('s1', '13812345678', 'wx_bind', '123456')
  t.ok(hashesMatch(hash, hashCode('s1', '13812345678', 'wx_bind', '123456')))
  t.notOk(hashesMatch(hash, hashCode('s1', '13812345678', 'wx_bind', '123457')))
  t.notOk(hashesMatch(hash, hashCode('s1', '13812345678', 'register', '123456')), 'another purpose')
  t.notOk(hashesMatch(hash, hashCode('s1', '13812345679', 'wx_bind', '123456')), 'another phone')
  t.notOk(hashesMatch(hash, hashCode('s2', '13812345678', 'wx_bind', '123456')), 'another secret')
  t.notOk(hashesMatch(hash, 'abcd'), 'a malformed hash never matches')
  t.notMatch(hash, '123456')
})

t.test('phones: mainland mobiles only, common spellings accepted', async (t) => {
  t.equal(normalizePhone('13812345678'), '13812345678')
  t.equal(normalizePhone('+86 138-1234-5678'), '13812345678')
  t.equal(normalizePhone('008613812345678'), '13812345678')
  for (const bad of ['12812345678', '1381234567', '138123456789', '23812345678', 'abc', '', '1381234567x']) {
    t.equal(normalizePhone(bad), null, JSON.stringify(bad))
  }
})

t.test('send days follow the configured time zone', async (t) => {
  const lateUtc = new Date('2026-11-22T17:30:00Z')
  t.equal(sendDay(lateUtc, 'Asia/Shanghai'), '2026-11-23', 'already the next day in Shanghai')
  t.equal(sendDay(lateUtc, 'UTC'), '2026-11-22')
})

t.test('the resend wait counts down from 60 seconds', async (t) => {
  const sent = new Date('2026-11-22T10:00:00Z')
  t.equal(secondsUntilResend(sent, new Date('2026-11-22T10:00:00.500Z')), 60)
  t.equal(secondsUntilResend(sent, new Date('2026-11-22T10:00:59Z')), 1)
  t.equal(secondsUntilResend(sent, new Date('2026-11-22T10:01:00Z')), 0)
})
