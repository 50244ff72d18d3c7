import t from 'tap'
import {
  canonicalizeQuery, percentEncode, signRpcRequest, stringToSign
} from '../../../../src/plugins/external/aliyun/aliyun-signature.js'

// The worked example of Aliyun's SMS signature document (help.aliyun.com/document_detail/101343).
const smsDocParams = {
  AccessKeyId: 'testId',
  Action: 'SendSms',
  Format: 'XML',
  OutId: '123',
  PhoneNumbers: '15300000001',
  RegionId: 'cn-hangzhou',
  SignName: '阿里云短信测试专用',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
  SignatureVersion: '1.0',
  TemplateCode: 'SMS_71390007',
  TemplateParam: '{"customer":"test"}',
  Timestamp: '2017-07-12T02:42:19Z',
  Version: '2017-05-25'
}

t.test('the SMS documentation example signs to its published signature', async (t) => {
  const canonical = canonicalizeQuery(smsDocParams)
  t.equal(canonical, 'AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001' +
    '&RegionId=cn-hangzhou&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8' +
    '&SignatureMethod=HMAC-SHA1&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466&SignatureVersion=1.0' +
    '&TemplateCode=SMS_71390007&TemplateParam=%7B%22customer%22%3A%22test%22%7D' +
    '&Timestamp=2017-07-12T02%3A42%3A19Z&Version=2017-05-25')
  t.match(stringToSign('GET', canonical), /^GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26/)
  t.match(stringToSign('GET', canonical), /%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25$/,
    'encoded twice')
  t.equal(signRpcRequest('GET', smsDocParams, 'testSecret'), 'zJDF+Lrzhj/ThnlvIToysFRq6t4=')
})

t.test('the general RPC documentation example signs to its published signature', async (t) => {
  // The document spells this one parameter `TimeStamp`; its signature holds only for that spelling.
  const params = {
    TimeStamp: '2016-02-23T12:46:24Z',
    Format: 'XML',
    AccessKeyId: 'testid',
    Action: 'DescribeRegions',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
    Version: '2014-05-26',
    SignatureVersion: '1.0'
  }
  t.equal(signRpcRequest('GET', params, 'testsecret'), 'CT9X0VtwR86fNWSnsc6v8YGOjuE=')
})

t.test('the signature depends on the method, every parameter and the secret', async (t) => {
  const reference = signRpcRequest('GET', smsDocParams, 'testSecret')
  t.not(signRpcRequest('POST', smsDocParams, 'testSecret'), reference)
  t.not(signRpcRequest('GET', smsDocParams, 'testsecret'), reference)
  t.not(signRpcRequest('GET', { ...smsDocParams, TemplateParam: '{"customer":"tesT"}' }, 'testSecret'), reference)
  t.equal(signRpcRequest('GET', { ...smsDocParams, Signature: 'ignored' }, 'testSecret'), reference,
    'Signature is never signed')
})

t.test('percent-encoding follows RFC 3986 as Aliyun spells it out', async (t) => {
  t.equal(percentEncode('a b'), 'a%20b', 'space is %20, not +')
  t.equal(percentEncode('*'), '%2A')
  t.equal(percentEncode('~'), '~', 'tilde stays literal')
  t.equal(percentEncode('-_.AZaz09'), '-_.AZaz09')
  t.equal(percentEncode("+/=&!'()"), '%2B%2F%3D%26%21%27%28%29')
  t.equal(percentEncode('货车司机平台'), '%E8%B4%A7%E8%BD%A6%E5%8F%B8%E6%9C%BA%E5%B9%B3%E5%8F%B0')
  t.equal(percentEncode('{"code":"012345"}'), '%7B%22code%22%3A%22012345%22%7D')
})

t.test('parameters are sorted by name, byte order, upper case first', async (t) => {
  t.equal(canonicalizeQuery({ b: '2', B: '1', a: 'x y', A: '*~' }), 'A=%2A~&B=1&a=x%20y&b=2')
})
