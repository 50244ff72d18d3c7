import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { bigJpegStream, isServableSize, SIM_JPEG, SIM_PNG, SIM_TEXT } from '../sim-media.js'
import type { SimulatorContext } from '../simulator-context.js'
import { param, sendWechatError, sendWechatJson, TEXT_TYPE } from '../wechat-answer.js'

/** How WeChat labels a download; the file name comes from the media id, kept to safe characters. */
function sendMedia (
  reply: FastifyReply, mediaId: string, type: 'jpeg' | 'png', length: number, body: Buffer | NodeJS.ReadableStream
) {
  const name = mediaId.replace(/[^A-Za-z0-9_-]/g, '_')
  return reply.code(200)
    .header('content-type', `image/${type}`)
    .header('content-disposition', `attachment; filename="${name}.${type === 'png' ? 'png' : 'jpg'}"`)
    .header('content-length', length)
    .header('cache-control', 'no-cache, must-revalidate')
    .send(body)
}

/**
 * The official account's API: `/cgi-bin/token`, `/cgi-bin/ticket/getticket`
 * and `/cgi-bin/media/get`, with WeChat's errcodes for every refusal.
 */
export const cgiBinRoutes: FastifyPluginAsync<SimulatorContext> = async (app, context) => {
  const { appId, secret, credentials, calls, followers } = context
  app.get('/cgi-bin/token', async (request, reply) => {
    calls.token++
    const givenAppId = param(request, 'appid')
    const givenSecret = param(request, 'secret')
    if (param(request, 'grant_type') !== 'client_credential') return sendWechatError(reply, 40002)
    if (givenAppId === undefined || givenAppId === '') return sendWechatError(reply, 41002)
    if (givenAppId !== appId) return sendWechatError(reply, 40013)
    if (givenSecret === undefined || givenSecret === '') return sendWechatError(reply, 41004)
    if (givenSecret !== secret) return sendWechatError(reply, 40125)
    const { value, expiresIn } = credentials.mintToken()
    return sendWechatJson(reply, { access_token: value, expires_in: expiresIn })
  })

  app.get('/cgi-bin/ticket/getticket', async (request, reply) => {
    calls.ticket++
    const refused = credentials.checkToken(param(request, 'access_token'))
    if (refused !== 0) return sendWechatError(reply, refused)
    if (param(request, 'type') !== 'jsapi') return sendWechatError(reply, 40097)
    const { value, expiresIn } = credentials.mintTicket()
    return sendWechatJson(reply, { errcode: 0, errmsg: 'ok', ticket: value, expires_in: expiresIn })
  })

  // WeChat labels this API's errors text/plain; `sim-error-<errcode>` answers one as application/json,
  // and `sim-video-<x>` what WeChat answers for a video: JSON without an errcode.
  app.get('/cgi-bin/media/get', async (request, reply) => {
    calls.media++
    const refused = credentials.checkToken(param(request, 'access_token'))
    if (refused !== 0) return sendWechatError(reply, refused, TEXT_TYPE)
    const mediaId = param(request, 'media_id') ?? ''
    if (mediaId === '') return sendWechatError(reply, 41007, TEXT_TYPE)
    if (!mediaId.startsWith('sim-')) return sendWechatError(reply, 40007, TEXT_TYPE)
    const [, kind, rest] = /^sim-(png|big|text|error|video)-(.*)$/.exec(mediaId) ?? []
    // WeChat answers a video media with JSON (no errcode) naming where the video is.
    if (kind === 'video') return sendWechatJson(reply, { video_url: `http://example.com/sim-video-${encodeURIComponent(rest ?? '')}.mp4` })
    if (kind === 'png') return sendMedia(reply, mediaId, 'png', SIM_PNG.length, SIM_PNG)
    if (kind === 'text') return sendMedia(reply, mediaId, 'jpeg', SIM_TEXT.length, SIM_TEXT)
    if (kind === 'error') {
      const errcode = /^-?\d{1,6}$/.test(rest ?? '') ? Number(rest) : 0
      return sendWechatError(reply, errcode === 0 ? 40007 : errcode)
    }
    if (kind === 'big') {
      const size = /^\d{1,10}$/.test(rest ?? '') ? Number(rest) : NaN
      if (!isServableSize(size)) return sendWechatError(reply, 40007, TEXT_TYPE)
      return sendMedia(reply, mediaId, 'jpeg', size, bigJpegStream(size))
    }
    return sendMedia(reply, mediaId, 'jpeg', SIM_JPEG.length, SIM_JPEG)
  })

  // A follower as the simulator's pushes left them; someone who never followed is `subscribe: 0` alone, as on WeChat.
  app.get('/cgi-bin/user/info', async (request, reply) => {
    calls.followerInfo++
    const refused = credentials.checkToken(param(request, 'access_token'))
    if (refused !== 0) return sendWechatError(reply, refused)
    const openid = param(request, 'openid') ?? ''
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(openid)) return sendWechatError(reply, 40003)
    const follower = followers.get(openid)
    if (follower?.subscribe !== 1) return sendWechatJson(reply, { subscribe: 0, openid })
    return sendWechatJson(reply, {
      subscribe: 1,
      openid,
      nickname: `WeChat user ${openid}`,
      sex: 0,
      language: 'zh_CN',
      city: '',
      province: '',
      country: '中国',
      headimgurl: '',
      subscribe_time: follower.subscribe_time,
      remark: '',
      groupid: 0,
      tagid_list: [],
      subscribe_scene: follower.subscribe_scene ?? 'ADD_SCENE_OTHERS',
      qr_scene: 0,
      qr_scene_str: follower.qr_scene_str ?? ''
    })
  })
}
