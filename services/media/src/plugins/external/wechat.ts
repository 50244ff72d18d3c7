import fp from 'fastify-plugin'
import { createWechatClient, type WechatClient } from '@driver/wechat'
import type { MediaConfig } from '../../config.js'

declare module 'fastify' {
  interface FastifyInstance {
    wechat: WechatClient
  }
}

export interface WechatPluginOptions {
  config: Pick<MediaConfig, 'WECHAT_API_URL' | 'WECHAT_OPEN_URL' | 'WECHAT_APPID' | 'WECHAT_SECRET'>
  /** Tests hand in a client; otherwise one is made from the configuration. */
  client?: WechatClient
}

/** A photo download may be large, but WeChat must start answering within this. */
const WECHAT_TIMEOUT_MS = 10_000

/**
 * The official account's WeChat API. The access token and the JS-SDK ticket are
 * cached in the service's store (DESIGN §2: media owns the cache), so every media
 * process shares one token and one refresh, and none invalidates another's.
 */
export const wechat = fp<WechatPluginOptions>(async (app, { config, client }) => {
  const own = client === undefined
  const wechatClient = client ?? createWechatClient({
    apiUrl: config.WECHAT_API_URL,
    openUrl: config.WECHAT_OPEN_URL,
    // Unset only outside production (the config requires them there): WeChat then refuses every call, logged as an account problem.
    appId: config.WECHAT_APPID ?? '',
    secret: config.WECHAT_SECRET ?? '',
    store: app.store,
    logger: app.log,
    timeoutMs: WECHAT_TIMEOUT_MS
  })
  app.decorate('wechat', wechatClient)
  if (own) app.addHook('onClose', () => wechatClient.close())
}, { name: 'wechat', dependencies: ['store'] })
