import fp from 'fastify-plugin'
import { wechatCallRefusal } from './wechat-call-refusal.js'

export interface CreateQrCodeHandlerOptions {
  /** WECHAT_MP_URL: where WeChat shows a ticket's picture (`/cgi-bin/showqrcode`). */
  mpUrl: string
}

/**
 * Answers `wechat.create_qr_code` with the official account's token, from this
 * service's shared cache (renewed and retried once when WeChat refuses it). A
 * permanent code for a scene is the same ticket each time, so a repeat does no harm.
 */
export const createQrCodeHandler = fp<CreateQrCodeHandlerOptions>(async (app, { mpUrl }) => {
  const base = mpUrl.endsWith('/') ? mpUrl.slice(0, -1) : mpUrl
  await app.bus.handle('wechat.create_qr_code', async ({ scene, expireSeconds }, context) => {
    try {
      const code = await app.wechat.createQrCode({ scene, ...(expireSeconds === undefined ? {} : { expireSeconds }) })
      const imageUrl = `${base}/cgi-bin/showqrcode?ticket=${encodeURIComponent(code.ticket)}`
      return { created: true as const, ...code, imageUrl }
    } catch (error) {
      return { created: false as const, ...wechatCallRefusal(error, context.log) }
    }
  })
}, { name: 'create-qr-code-handler', dependencies: ['wechat', 'bus'] })
