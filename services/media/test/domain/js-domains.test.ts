import t from 'tap'
import { judgePageUrl, parseJsDomains } from '../../src/domain/js-domains.js'

t.test('WECHAT_JS_DOMAINS is a list of hosts, commas or spaces between, any case', async (t) => {
  t.same([...parseJsDomains(' H5.Example.com, m.example.com  wx.example.org.,')], [
    'h5.example.com', 'm.example.com', 'wx.example.org'
  ])
  t.same([...parseJsDomains('')], [])
})

t.test('a page is signed only on a listed host, exactly', async (t) => {
  const domains = parseJsDomains('h5.example.com')
  t.equal(judgePageUrl('https://h5.example.com/resume.html?id=1', domains), 'allowed')
  t.equal(judgePageUrl('http://H5.EXAMPLE.COM:8080/', domains), 'allowed', 'case and port do not matter')
  t.equal(judgePageUrl('https://evil.h5.example.com/', domains), 'not-allowed', 'a subdomain is not listed')
  t.equal(judgePageUrl('https://example.com/', domains), 'not-allowed', 'nor the parent domain')
  t.equal(judgePageUrl('https://h5.example.com.evil.com/', domains), 'not-allowed')
  t.equal(judgePageUrl('https://evil.com/?h5.example.com', domains), 'not-allowed')
  t.equal(judgePageUrl('https://h5.example.com@evil.com/', domains), 'not-allowed', 'credentials are not the host')
  t.equal(judgePageUrl('javascript:alert(1)//h5.example.com', domains), 'invalid')
  t.equal(judgePageUrl('/resume.html', domains), 'invalid', 'a relative url')
  t.equal(judgePageUrl('https://h5.example.com/', parseJsDomains('')), 'not-allowed', 'none listed, none signed')
})
