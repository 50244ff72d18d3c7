import { createCipheriv } from 'node:crypto'
import t from 'tap'
import { createMefpCodec, MefpCodecError } from '../src/mefp/codec.js'

const TEST_SECRET = 'mefp-test-key-0123456789abcdefgh'
const TEST_IV = 'app-test-iv-0123'

const codec = createMefpCodec({ secret: TEST_SECRET, iv: TEST_IV })

/** AES-256-CBC of raw bytes with our key and IV, padding as given. */
function encryptRaw (plain: Buffer, autoPadding = true): string {
  const cipher = createCipheriv('aes-256-cbc', Buffer.from(TEST_SECRET), Buffer.from(TEST_IV))
    .setAutoPadding(autoPadding)
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64')
}

function reasonOf (text: string): string | undefined {
  try {
    codec.decrypt(text)
    return undefined
  } catch (error) {
    return error instanceof MefpCodecError ? error.reason : 'other'
  }
}

t.test('a JSON value comes back as it went in, ' +
  'and the text is Base64 of AES-256-CBC with the shared key and IV', async (t) => {
  const value = { login_name: '13812345678', password: '密码 with ünïcode', nested: { list: [1, true, null] } }
  const text = codec.encrypt(value)
  t.match(text, /^[A-Za-z0-9+/]+={0,2}$/)
  t.same(codec.decrypt(text), value)
  t.equal(text, encryptRaw(Buffer.from(JSON.stringify(value))), 'the same bytes as OpenSSL with PKCS#7 padding')
  t.equal(codec.encrypt(value), text, 'a fixed IV: the same value encrypts the same (seed 004)')
})

t.test('text that is not Base64 of whole blocks, padding that is wrong, ' +
  'and bytes that are not JSON throw MefpCodecError', async (t) => {
  t.equal(reasonOf(''), 'base64')
  t.equal(reasonOf('not base64!'), 'base64')
  t.equal(reasonOf(`${codec.encrypt({ a: 1 })}\n`), 'base64', 'no whitespace')
  t.equal(reasonOf(Buffer.alloc(15).toString('base64')), 'base64', 'not a whole block')
  t.equal(reasonOf(encryptRaw(Buffer.alloc(16, 0), false)), 'padding')
  t.equal(reasonOf(encryptRaw(Buffer.from('{"a":1'))), 'json')
  t.equal(reasonOf(encryptRaw(Buffer.from([0x22, 0xff, 0xfe, 0x22]))), 'json', 'invalid UTF-8 is not JSON')
  const error = (() => { try { codec.decrypt('%%%%') } catch (error) { return error } })() as MefpCodecError
  t.equal(error.code, 'IDENTITY_MEFP_UNDECRYPTABLE')
  t.notMatch(error.message, /%%%%/, 'the message never quotes the text')
})

t.test('another key or IV does not read it', async (t) => {
  const text = codec.encrypt({ login_name: '13812345678' })
  const other = createMefpCodec({ secret: 'another-key-0123456789abcdefghij', iv: TEST_IV })
  t.throws(() => other.decrypt(text), MefpCodecError)
})

t.test('a key or IV of the wrong length is refused when the codec is made', async (t) => {
  t.throws(() => createMefpCodec({ secret: 'short', iv: TEST_IV }), RangeError)
  t.throws(() => createMefpCodec({ secret: TEST_SECRET, iv: 'sixteen-chars-é!' }), RangeError,
    '16 characters but 17 bytes')
})
