import { ConfigError, loadConfig, serviceConfigSchema } from '@driver/kit'
import t from 'tap'
import { WechatConfigProperties } from '../src/index.js'

const schema = serviceConfigSchema(3003, { ...WechatConfigProperties })

t.test('WeChat’s own hosts by default; app id and secret optional outside production', async (t) => {
  const config = loadConfig(schema, {})
  t.equal(config.WECHAT_API_URL, 'https://api.weixin.qq.com')
  t.equal(config.WECHAT_OPEN_URL, 'https://open.weixin.qq.com')
  t.equal(config.WECHAT_APPID, undefined)
  t.equal(config.WECHAT_SECRET, undefined)
})

t.test('production requires the app id and the secret, and names them without their values', async (t) => {
  const error = t.throws(() => loadConfig(schema, { NODE_ENV: 'production', GATEWAY_ASSERTION_SECRET: 'x'.repeat(32) }))
  t.ok(error instanceof ConfigError)
  t.match((error as ConfigError).variables, ['WECHAT_APPID', 'WECHAT_SECRET'])
  t.match((error as ConfigError).message, /WECHAT_SECRET is required when NODE_ENV=production/)
})

t.test('the URLs must be http(s)', async (t) => {
  const error = t.throws(() => loadConfig(schema, { WECHAT_API_URL: 'api.weixin.qq.com', WECHAT_OPEN_URL: 'ftp://x' })) as ConfigError
  t.same(error.variables, ['WECHAT_API_URL', 'WECHAT_OPEN_URL'])
  t.match(error.message, /WECHAT_API_URL must be a URL starting with http:\/\/ or https:\/\//)
  t.match(loadConfig(schema, { WECHAT_API_URL: 'http://127.0.0.1:9000', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' }), {
    WECHAT_API_URL: 'http://127.0.0.1:9000', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's'
  })
})
