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

t.test('the upload quota: 30 photos and 100 MiB a day, 200 in all, and a day that holds one photo', async (t) => {
  const config = loadMediaConfig({})
  t.same([config.MEDIA_USER_IMAGES_PER_DAY, config.MEDIA_USER_BYTES_PER_DAY, config.MEDIA_USER_IMAGES_TOTAL],
    [30, 100 * 1024 * 1024, 200])
  const error = t.throws(() =>
    loadMediaConfig({ MEDIA_MAX_BYTES: String(20 * 1024 * 1024), MEDIA_USER_BYTES_PER_DAY: String(1024 * 1024) })
  ) as ConfigError
  t.same(error.variables, ['MEDIA_USER_BYTES_PER_DAY'])
  t.match(error.message, 'MEDIA_USER_BYTES_PER_DAY must be at least MEDIA_MAX_BYTES (20971520)')
  t.throws(() => loadMediaConfig({ MEDIA_USER_IMAGES_PER_DAY: '0' }))
})
