import { inspect } from 'node:util'
import t, { type Test } from 'tap'
import { SmsProviderError } from '../../../../src/errors.js'
import {
  createAliyunSmsProvider, type AliyunSmsOptions
} from '../../../../src/plugins/external/aliyun/aliyun-client.js'
import type { VerificationMessage } from '../../../../src/plugins/external/sms-provider.js'
import { startAliyunStub, unreachableEndpoint, type AliyunStubOptions } from '../../../fixtures/aliyun-stub.js'

const keys = { accessKeyId: 'LTAI-driver-test', accessKeySecret: 'secret-known-to-both' }
const message: VerificationMessage = { phone: '13812345678', code: '048213', purpose: 'register' }

async function setUp (
  t: Test, stubOptions: Partial<AliyunStubOptions> = {}, providerOptions: Partial<AliyunSmsOptions> = {}
) {
  const stub = await startAliyunStub({ ...keys, ...stubOptions })
  t.teardown(stub.close)
  const provider = createAliyunSmsProvider({
    ...keys, endpoint: stub.url, signName: '货车司机平台', templateCode: 'SMS_15305001', ...providerOptions
  })
  return { stub, provider }
}

/** Whatever a log line could show of the error: message, fields, causes, stack. */
function everythingPrinted (error: unknown): string {
  return inspect(error, { depth: 10 }) + JSON.stringify(error)
}

t.test('a code reaches Aliyun, correctly signed, ' +
  'as the configured template with the code as its parameter', async (t) => {
  const { stub, provider } = await setUp(t)
  t.equal(provider.name, 'aliyun')
  await provider.send(message)
  t.same(stub.accepted, [
    { phone: '13812345678', signName: '货车司机平台', templateCode: 'SMS_15305001', templateParam: { code: '048213' } }
  ])
  const [request] = stub.received
  t.equal(request?.method, 'POST')
  t.equal(request?.url, '/', 'nothing in the URL: the code travels in the body')
  t.match(request?.params, {
    Action: 'SendSms', Version: '2017-05-25', Format: 'JSON', TemplateParam: '{"code":"048213"}'
  })
})

t.test('sign names with spaces, *, ~ and Chinese are signed and sent exactly as configured', async (t) => {
  for (const signName of ['货车司机平台', 'Driver Hub*', '司机~平台 (测试)', "it's+ok/&="]) {
    const { stub, provider } = await setUp(t, {}, { signName })
    await provider.send(message)
    t.equal(stub.accepted[0]?.signName, signName, signName)
  }
})

t.test('the clock and nonce are the injected ones, and each send uses a fresh nonce by default', async (t) => {
  const sentAt = new Date()
  sentAt.setUTCMilliseconds(0)
  const fixed = await setUp(t, {}, { now: () => sentAt, nonce: () => 'nonce-1' })
  await fixed.provider.send(message)
  t.match(fixed.stub.received[0]?.params, {
    Timestamp: sentAt.toISOString().replace('.000Z', 'Z'), SignatureNonce: 'nonce-1'
  })

  const { stub, provider } = await setUp(t)
  await provider.send(message)
  await provider.send({ ...message, code: '999999' })
  t.equal(stub.accepted.length, 2)
  t.not(stub.received[0]?.params.SignatureNonce, stub.received[1]?.params.SignatureNonce)
})

t.test('a wrong secret is refused with SignatureDoesNotMatch, ' +
  'and the error leaks neither code, secret nor signature', async (t) => {
  const { stub, provider } = await setUp(t, {}, { accessKeySecret: 'not-the-secret' })
  const error = await provider.send(message).then(() => undefined, (caught: unknown) => caught)
  t.ok(error instanceof SmsProviderError)
  t.match(error, {
    code: 'SMS_PROVIDER_FAILED',
    statusCode: 502,
    aliyunCode: 'SignatureDoesNotMatch',
    httpStatus: 400,
    requestId: stub.requestIds[0]
  })
  t.match((error as Error).cause, { code: 'SMS_ALIYUN_SEND_FAILED', message: /SignatureDoesNotMatch.*HTTP 400/ })
  t.same(stub.accepted, [])
  const printed = everythingPrinted(error)
  for (const secret of ['048213', 'not-the-secret', stub.received[0]?.params.Signature ?? 'no signature seen']) {
    t.notOk(printed.includes(secret), `nothing printed contains ${secret.slice(0, 3)}…`)
  }
})

t.test('a business refusal keeps Aliyun’s code and request id', async (t) => {
  const { stub, provider } = await setUp(t, { businessCode: 'isv.BUSINESS_LIMIT_CONTROL' })
  const error = await provider.send(message).then(() => undefined, (caught: unknown) => caught)
  t.ok(error instanceof SmsProviderError)
  t.match(error, { aliyunCode: 'isv.BUSINESS_LIMIT_CONTROL', httpStatus: 200 })
  t.equal((error as { requestId?: string }).requestId, stub.requestIds[0])
  t.same(stub.accepted, [])
})

t.test('a number Aliyun calls illegal is a provider failure too', async (t) => {
  const { provider } = await setUp(t)
  await t.rejects(provider.send({ ...message, phone: '1381234' }), {
    code: 'SMS_PROVIDER_FAILED', aliyunCode: 'isv.MOBILE_NUMBER_ILLEGAL'
  })
})

t.test('a clock off by more than Aliyun tolerates is refused', async (t) => {
  const { stub, provider } = await setUp(t, {}, { now: () => new Date(Date.now() - 20 * 60_000) })
  await t.rejects(provider.send(message), {
    code: 'SMS_PROVIDER_FAILED', aliyunCode: 'InvalidTimeStamp.Expired', httpStatus: 400
  })
  t.same(stub.accepted, [])
})

t.test('a reused nonce is refused as a replay', async (t) => {
  const { stub, provider } = await setUp(t, {}, { nonce: () => 'same-every-time' })
  await provider.send(message)
  await t.rejects(provider.send(message), { code: 'SMS_PROVIDER_FAILED', aliyunCode: 'SignatureNonceUsed' })
  t.equal(stub.accepted.length, 1)
})

t.test('an unreachable endpoint rejects with SmsProviderError', async (t) => {
  const provider = createAliyunSmsProvider({
    ...keys, endpoint: await unreachableEndpoint(), signName: '货车司机平台', templateCode: 'SMS_1'
  })
  const error = await provider.send(message).then(() => undefined, (caught: unknown) => caught)
  t.ok(error instanceof SmsProviderError)
  t.match((error as Error).cause, { message: /unreachable/ })
  t.notOk(everythingPrinted(error).includes('048213'))
})

t.test('an endpoint that never answers rejects with SmsProviderError once the timeout passes', async (t) => {
  const { stub, provider } = await setUp(t, { hang: true }, { timeoutMs: 200 })
  const error = await provider.send(message).then(() => undefined, (caught: unknown) => caught)
  t.ok(error instanceof SmsProviderError)
  t.match((error as Error).cause, { message: /no answer within 200 ms/ })
  t.equal(stub.received.length, 1, 'the request did arrive')
})

t.test('an answer that is not Aliyun JSON is a provider failure', async (t) => {
  const answers = [
    { status: 502, body: '<html>Bad Gateway</html>' },
    { status: 200, body: 'OK' },
    { status: 503, body: '{"Code":"OK"}' }
  ]
  for (const raw of answers) {
    const { provider } = await setUp(t, { raw })
    await t.rejects(provider.send(message), { code: 'SMS_PROVIDER_FAILED', httpStatus: raw.status },
      `${raw.status} ${raw.body}`)
  }
})

