import t from 'tap'
import type { ConfigError } from '@driver/kit'
import { loadMediaConfig } from '../src/config.js'

t.test('defaults: 10 MiB photos, WeChat\'s real API, no JS-SDK domain', async (t) => {
  const config = loadMediaConfig({})
  t.equal(config.PORT, 3003)
  t.equal(config.MEDIA_MAX_BYTES, 10 * 1024 * 1024)
  t.equal(config.WECHAT_API_URL, 'https://api.weixin.qq.com')
  t.equal(config.WECHAT_JS_DOMAINS, '')
})

t.test('bad values are named with what they allow', async (t) => {
  const error = t.throws(() => loadMediaConfig({ MEDIA_MAX_BYTES: '10MB', WECHAT_JS_DOMAINS: 'https://h5.example.com/', WECHAT_API_URL: 'api.weixin.qq.com' })) as ConfigError
  t.same(error.variables, ['MEDIA_MAX_BYTES', 'WECHAT_API_URL', 'WECHAT_JS_DOMAINS'])
  t.match(error.message, 'MEDIA_MAX_BYTES must be an integer from 1024 to 536870912')
})

t.test('production requires the official account\'s app id and secret', async (t) => {
  const error = t.throws(() =>
    loadMediaConfig({ NODE_ENV: 'production', GATEWAY_ASSERTION_SECRET: 'x'.repeat(32) })) as ConfigError
  t.same(error.variables, ['WECHAT_APPID', 'WECHAT_SECRET'])
  const config = loadMediaConfig({
    NODE_ENV: 'production', GATEWAY_ASSERTION_SECRET: 'x'.repeat(32), WECHAT_APPID: 'wx0123456789abcdef',
    WECHAT_SECRET: 's'.repeat(32)
  })
  t.equal(config.WECHAT_APPID, 'wx0123456789abcdef')
})
