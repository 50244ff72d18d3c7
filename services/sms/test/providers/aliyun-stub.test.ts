import t from 'tap'
import { startAliyunStub } from '../fixtures/aliyun-stub.js'

// The request URL printed by Aliyun's SMS signature document, signature included.
const documentedUrl = '/?Signature=zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D&AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123' +
  '&PhoneNumbers=15300000001&RegionId=cn-hangzhou&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8' +
  '&SignatureMethod=HMAC-SHA1&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466&SignatureVersion=1.0&TemplateCode=SMS_71390007' +
  '&TemplateParam=%7B%22customer%22%3A%22test%22%7D&Timestamp=2017-07-12T02%3A42%3A19Z&Version=2017-05-25'

const documentTime = () => Date.parse('2017-07-12T02:45:00Z')

t.test('the stub accepts the documented request, so its own checking agrees with Aliyun', async (t) => {
  const stub = await startAliyunStub({ accessKeyId: 'testId', accessKeySecret: 'testSecret', now: documentTime })
  t.teardown(stub.close)
  const response = await fetch(stub.url + documentedUrl)
  t.equal(response.status, 200)
  t.equal((await response.json() as { Code: string }).Code, 'OK')
  t.same(stub.accepted, [{ phone: '15300000001', signName: '阿里云短信测试专用', templateCode: 'SMS_71390007', templateParam: { customer: 'test' } }])
})

t.test('the stub refuses the documented request once it is altered, stale or replayed', async (t) => {
  const stub = await startAliyunStub({ accessKeyId: 'testId', accessKeySecret: 'testSecret', now: documentTime })
  t.teardown(stub.close)
  const codeOf = async (url: string) => {
    const response = await fetch(stub.url + url)
    return { status: response.status, code: (await response.json() as { Code: string }).Code }
  }
  t.same(await codeOf(documentedUrl.replace('15300000001', '15300000002')), { status: 400, code: 'SignatureDoesNotMatch' })
  t.same(await codeOf(documentedUrl.replace('Timestamp=2017-07-12T02', 'Timestamp=2017-07-12T01')), { status: 400, code: 'InvalidTimeStamp.Expired' })
  t.same(await codeOf(documentedUrl), { status: 200, code: 'OK' })
  t.same(await codeOf(documentedUrl), { status: 400, code: 'SignatureNonceUsed' })
  t.equal(stub.accepted.length, 1)
})

t.test('the stub refuses a signature made with another secret', async (t) => {
  const stub = await startAliyunStub({ accessKeyId: 'testId', accessKeySecret: 'otherSecret', now: documentTime })
  t.teardown(stub.close)
  const response = await fetch(stub.url + documentedUrl)
  t.equal(response.status, 400)
  t.equal((await response.json() as { Code: string }).Code, 'SignatureDoesNotMatch')
  t.same(stub.accepted, [])
})
