import t from 'tap'
import { jsSdkSignature, withoutFragment } from '../../src/domain/js-sdk-signature.js'

t.test('WeChat\'s published worked example (JS-SDK document, appendix 1)', async (t) => {
  t.equal(jsSdkSignature({
    ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
    nonceStr: 'Wm3WZYTPz0wzccnW',
    timestamp: 1414587457,
    url: 'http://mp.weixin.qq.com?params=value'
  }), '0f9de62fce790f9a083d5c99e95740ceb90c27ed')
})

t.test('the url is signed as given: another spelling is another signature', async (t) => {
  const base = { ticket: 'ticket', nonceStr: 'nonce', timestamp: 1 }
  const signatures = new Set([
    'https://h5.example.com/a?x=1&y=%E4%B8%AD',
    'https://h5.example.com/a?x=1&y=中',
    'http://h5.example.com/a?x=1&y=%E4%B8%AD',
    'https://h5.example.com/a/?x=1&y=%E4%B8%AD'
  ].map((url) => jsSdkSignature({ ...base, url })))
  t.equal(signatures.size, 4)
})

t.test('only the #fragment is dropped', async (t) => {
  t.equal(withoutFragment('https://h5.example.com/p?a=1#/route?b=2'), 'https://h5.example.com/p?a=1')
  t.equal(withoutFragment('https://h5.example.com/p?a=%23'), 'https://h5.example.com/p?a=%23')
  t.equal(withoutFragment('https://h5.example.com/p#'), 'https://h5.example.com/p')
})
