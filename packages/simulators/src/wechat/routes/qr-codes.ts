import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import QRCode from 'qrcode'
import type { SimulatorContext } from '../simulator-context.js'
import { param, sendWechatError, sendWechatJson } from '../wechat-answer.js'

/** WeChat's limits: a string scene of 1–64 characters; a temporary code lives up to 30 days, 60 s by default. */
const MAX_SCENE_LENGTH = 64
const MAX_EXPIRE_SECONDS = 2_592_000
const DEFAULT_EXPIRE_SECONDS = 60

interface CreateBody {
  action_name?: unknown
  expire_seconds?: unknown
  action_info?: { scene?: { scene_str?: unknown } }
}

/** The simulator's own address as the caller reached it: what a code holds points back here. */
const baseOf = (request: FastifyRequest): string => `${request.protocol}://${request.host}`

/**
 * `POST /cgi-bin/qrcode/create` (string scenes: `QR_LIMIT_STR_SCENE` permanent,
 * `QR_STR_SCENE` temporary) and `GET /cgi-bin/showqrcode?ticket=` (WeChat serves it from
 * mp.weixin.qq.com; here from the simulator's address): a real QR code PNG of the URL the
 * create answer gave, `<simulator>/q/<ticket>?scene=<scene>`, so the scene can be read back
 * from the picture.
 */
export const qrCodeRoutes: FastifyPluginAsync<SimulatorContext> = async (app, { credentials, qrCodes }) => {
  const contentOf = (base: string, ticket: string, scene: string) =>
    `${base}/q/${encodeURIComponent(ticket)}?scene=${encodeURIComponent(scene)}`

  app.post('/cgi-bin/qrcode/create', async (request, reply) => {
    const refused = credentials.checkToken(param(request, 'access_token'))
    if (refused !== 0) return sendWechatError(reply, refused)
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as CreateBody
    const scene = body.action_info?.scene?.scene_str
    const validScene = typeof scene === 'string' && scene.length >= 1 && scene.length <= MAX_SCENE_LENGTH
    const permanent = body.action_name === 'QR_LIMIT_STR_SCENE'
    if (!validScene || (!permanent && body.action_name !== 'QR_STR_SCENE')) return sendWechatError(reply, 40097)
    const expire = body.expire_seconds ?? DEFAULT_EXPIRE_SECONDS
    if (!permanent && (typeof expire !== 'number' || !Number.isInteger(expire) || expire < 1)) {
      return sendWechatError(reply, 40097)
    }
    const expireSeconds = permanent ? undefined : Math.min(expire as number, MAX_EXPIRE_SECONDS)
    const code = await qrCodes.create(scene, expireSeconds)
    const url = contentOf(baseOf(request), code.ticket, scene)
    return sendWechatJson(reply, { ticket: code.ticket, ...(permanent ? {} : { expire_seconds: expireSeconds }), url })
  })

  app.get('/cgi-bin/showqrcode', async (request, reply) => {
    const code = qrCodes.find(param(request, 'ticket') ?? '')
    if (code === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('ticket 无效或已过期')
    const png = await QRCode.toBuffer(contentOf(baseOf(request), code.ticket, code.scene), { type: 'png', margin: 2 })
    return reply.type('image/png').header('cache-control', 'public, max-age=86400').send(png)
  })
}
