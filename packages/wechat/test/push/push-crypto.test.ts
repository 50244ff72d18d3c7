import { createCipheriv, randomBytes } from 'node:crypto'
import t from 'tap'
import WXBizMsgCrypt from 'wechat-crypto'
import { decryptPush, isPushSignature, pushAesKey, pushSignature, readPushXml } from '../../src/index.js'

/** WeChat's own published sample (its message-encryption document and sample code). */
const DOCUMENTED = {
  token: 'spamtest',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wx2c2769f8efd9abc2',
  timestamp: '1409735669',
  nonce: '1320562132',
  msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
  encrypt: 'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2Ld' +
    'JF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3' +
    'yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h' +
    '0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE='
}

t.test('WeChat\'s documented sample: its signature verifies and its message decrypts', async (t) => {
  const { token, timestamp, nonce, encrypt, msgSignature } = DOCUMENTED
  t.equal(pushSignature([token, timestamp, nonce, encrypt]), msgSignature)
  t.ok(isPushSignature(msgSignature.toUpperCase(), [token, timestamp, nonce, encrypt]), 'hex in either case')
  const tampered = msgSignature.replace('5d', '5e')
  t.notOk(isPushSignature(tampered, [token, timestamp, nonce, encrypt]), 'one digit changed')
  t.notOk(isPushSignature(undefined, [token, timestamp, nonce, encrypt]))
  const read = decryptPush(encrypt, pushAesKey(DOCUMENTED.encodingAesKey), DOCUMENTED.appId)
  if (!read.ok) throw new Error(`not decrypted: ${read.reason}`)
  t.match(readPushXml(read.message), {
    FromUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs', CreateTime: '1409735668', MsgType: 'text',
    MsgId: '6054768590064713728'
  })
  t.same(decryptPush(encrypt, pushAesKey(DOCUMENTED.encodingAesKey), 'wx-someone-else'), { ok: false, reason: 'appid' })
})

t.test('messages encrypted by an independent implementation decrypt; ours are not trusted blindly', async (t) => {
  const encodingAesKey = randomBytes(32).toString('base64').slice(0, 43)
  const theirs = new WXBizMsgCrypt('a-token', encodingAesKey, 'wx-our-app')
  const key = pushAesKey(encodingAesKey)
  for (const message of ['<xml><A>1</A></xml>', '中文'.repeat(100), 'x'.repeat(12), 'y'.repeat(31)]) {
    const encrypt = theirs.encrypt(message)
    t.same(decryptPush(encrypt, key, 'wx-our-app'), { ok: true, message }, `${message.length} characters`)
    const theirSignature = theirs.getSignature('1700000000', 'n0nce', encrypt)
    t.equal(pushSignature(['a-token', '1700000000', 'n0nce', encrypt]), theirSignature)
  }
  const otherKey = pushAesKey(randomBytes(32).toString('base64').slice(0, 43))
  t.not(decryptPush(theirs.encrypt('<xml/>'), otherKey, 'wx-our-app').ok, true, 'another key does not decrypt it')
})

/** Encrypts raw bytes with our key and no padding of its own, to build the malformed plain texts WeChat never sends. */
function encryptRaw (key: Buffer, plain: Buffer): string {
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false)
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64')
}

function plainText (message: string, appId: string, length = Buffer.byteLength(message)): Buffer {
  const header = Buffer.alloc(20)
  header.writeUInt32BE(length, 16)
  return Buffer.concat([header, Buffer.from(message), Buffer.from(appId)])
}

function padded (plain: Buffer, pad = 32 - (plain.length % 32)): Buffer {
  return Buffer.concat([plain, Buffer.alloc(pad, pad)])
}

t.test('wrong padding, a wrong length, bad base64 and a short text are refused', async (t) => {
  const key = pushAesKey('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG')
  const good = plainText('<xml/>', 'wx-our-app')
  const control = decryptPush(encryptRaw(key, padded(good)), key, 'wx-our-app')
  t.same(control, { ok: true, message: '<xml/>' }, 'the control')
  const badPad = padded(good)
  badPad[badPad.length - 2] = 7
  t.same(decryptPush(encryptRaw(key, badPad), key, 'wx-our-app'), { ok: false, reason: 'padding' }, 'uneven padding')
  const zeroPad = Buffer.concat([good, Buffer.alloc(32 - (good.length % 32), 0)])
  t.same(decryptPush(encryptRaw(key, zeroPad), key, 'wx-our-app'), { ok: false, reason: 'padding' }, 'zero padding')
  const tooLong = padded(plainText('<xml/>', 'wx-our-app', 5000))
  t.same(decryptPush(encryptRaw(key, tooLong), key, 'wx-our-app'), { ok: false, reason: 'length' },
    'length past the end')
  const shorter = padded(plainText('<xml/>', 'wx-our-app', 3))
  t.same(decryptPush(encryptRaw(key, shorter), key, 'wx-our-app'), { ok: false, reason: 'appid' },
    'a length that cuts the message leaves no app id of ours')
  t.same(decryptPush('not base64!', key, 'wx-our-app'), { ok: false, reason: 'base64' })
  t.same(decryptPush(Buffer.alloc(20).toString('base64'), key, 'wx-our-app'), { ok: false, reason: 'length' },
    'not whole AES blocks')
  t.throws(() => pushAesKey('short'), RangeError)
})

t.test('the XML reader takes WeChat\'s messages and refuses DTDs and malformed documents', async (t) => {
  const xml = '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o_1]]></FromUserName>' +
    '<CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>' +
    '<EventKey><![CDATA[qrscene_abc]]></EventKey></xml>'
  t.same(readPushXml(xml), {
    ToUserName: 'gh_1', FromUserName: 'o_1', CreateTime: '1700000000', MsgType: 'event', Event: 'subscribe',
    EventKey: 'qrscene_abc'
  })
  t.same(readPushXml('<xml><Content>&amp;&lt;</Content></xml>'), { Content: '&amp;&lt;' }, 'entities are not expanded')
  const bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' +
    '<xml><Content>&b;</Content></xml>'
  t.equal(readPushXml(bomb), null, 'a DTD')
  t.equal(readPushXml('<xml><A>1</A>'), null, 'unclosed')
  t.equal(readPushXml('{"xml":1}'), null, 'not XML')
  t.equal(readPushXml('<other><A>1</A></other>'), null, 'another root')
})
