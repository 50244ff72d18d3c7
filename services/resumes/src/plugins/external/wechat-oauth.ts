import fp from 'fastify-plugin'
import { createWechatClient, type WechatClient } from '@driver/wechat'
import type { ResumesConfig } from '../../config.js'

/** The part of the WeChat client a login needs; a failure rejects with `WechatError`. */
export type WechatOAuth = Pick<WechatClient, 'authorizeUrl' | 'exchangeCode' | 'userInfo'>

declare module 'fastify' {
  interface FastifyInstance {
    wechatOAuth: WechatOAuth
  }
}

export interface WechatOAuthOptions {
  config: Pick<ResumesConfig, 'WECHAT_API_URL' | 'WECHAT_OPEN_URL' | 'WECHAT_APPID' | 'WECHAT_SECRET'>
  /** Tests hand in a client; otherwise one is made from the configuration. */
  client?: WechatOAuth
}

/** A browser waits on these calls during its login redirect: WeChat answers quickly or not at all. */
const WECHAT_TIMEOUT_MS = 5_000

/**
 * WeChat's web OAuth2 (the official account's login). It uses each user's own
 * tokens, so unlike media's client it needs no shared access_token cache.
 */
export const wechatOAuth = fp<WechatOAuthOptions>(async (app, { config, client }) => {
  if (client) {
    app.decorate('wechatOAuth', client)
    return
  }
  const own = createWechatClient({
    apiUrl: config.WECHAT_API_URL,
    openUrl: config.WECHAT_OPEN_URL,
    // Unset only outside production (the config requires them there): WeChat then refuses the login, logged as such.
    appId: config.WECHAT_APPID ?? '',
    secret: config.WECHAT_SECRET ?? '',
    logger: app.log,
    timeoutMs: WECHAT_TIMEOUT_MS
  })
  app.decorate('wechatOAuth', own)
  app.addHook('onClose', () => own.close())
}, { name: 'wechat-oauth' })
