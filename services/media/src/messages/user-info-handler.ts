import fp from 'fastify-plugin'
import { wechatCallRefusal } from './wechat-call-refusal.js'

/** Answers `wechat.user_info` (`/cgi-bin/user/info`) with the official account's token from this service's cache. */
export const userInfoHandler = fp(async (app) => {
  await app.bus.handle('wechat.user_info', async ({ openid }, context) => {
    try {
      return { known: true as const, ...await app.wechat.subscriberInfo(openid) }
    } catch (error) {
      return { known: false as const, ...wechatCallRefusal(error, context.log) }
    }
  })
}, { name: 'user-info-handler', dependencies: ['wechat', 'bus'] })
