import fp from 'fastify-plugin'
import type { Store } from '@driver/store'
import { createWechatClient, type WechatClient } from './client/wechat-client.js'
import { wechatMetrics } from './client/wechat-metrics.js'
import type { WechatConfig } from './config.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The official account's WeChat API. */
    wechat: WechatClient
  }
}

export interface WechatPluginOptions {
  config: WechatConfig
  /** Tests hand in a client, which stays theirs to close; otherwise one is made from `config`. */
  client?: WechatClient
  /**
   * Where the access_token and the JS-SDK ticket are cached, shared by every
   * process on it; only a service that uses them needs one (the OAuth login does not).
   */
  store?: Store
  /** The client's connect, headers and between-chunks timeout, ms; default 10 000. */
  timeoutMs?: number
}

/**
 * `app.wechat`: the WeChat client a service calls, made from its WECHAT_*
 * variables and closed with the app, or the one a test passes in.
 */
export const wechatPlugin = fp<WechatPluginOptions>(async (app, { config, client, store, timeoutMs }) => {
  if (client) {
    app.decorate('wechat', client)
    return
  }
  const own = createWechatClient({
    apiUrl: config.WECHAT_API_URL,
    openUrl: config.WECHAT_OPEN_URL,
    // Unset only outside production (the config requires them there): WeChat then refuses every call, logged as such.
    appId: config.WECHAT_APPID ?? '',
    secret: config.WECHAT_SECRET ?? '',
    store,
    logger: app.log,
    timeoutMs,
    // An app of the kit counts on its registry; a bare Fastify (a test's) counts nothing.
    metrics: app.hasDecorator('metrics') ? wechatMetrics(app.metrics) : undefined
  })
  app.decorate('wechat', own)
  app.addHook('onClose', () => own.close())
}, { name: 'wechat' })
