import { Type } from 'typebox'
import { defineRequest } from './define.js'
import { FailureCode } from './primitives.js'

/**
 * Calls to WeChat with the official account's access_token. The media service
 * owns the one cache of that token (DESIGN: "The official account's token has
 * one owner") and answers these for every other service. WeChat refusing or out
 * of reach is a reply (`reason` for the user, Chinese), not a failure of the bus.
 */
const WechatRefusal = {
  reason: Type.String({ minLength: 1, description: 'for the user, Chinese' }),
  code: FailureCode
}

/**
 * `/cgi-bin/qrcode/create` for a string scene: permanent (`QR_LIMIT_STR_SCENE`)
 * without `expireSeconds`, temporary (`QR_STR_SCENE`) with it. `imageUrl` shows
 * the code (`showqrcode?ticket=`); `url` is what the code holds.
 */
export const WechatCreateQrCode = defineRequest('wechat.create_qr_code', {
  payload: Type.Object({
    scene: Type.String({ minLength: 1, maxLength: 64, description: 'scene_str, given back when the code is scanned' }),
    expireSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_592_000 }))
  }),
  reply: Type.Union([
    Type.Object({
      created: Type.Literal(true),
      ticket: Type.String({ minLength: 1 }),
      url: Type.String({ minLength: 1 }),
      imageUrl: Type.String({ pattern: '^https?://' }),
      expireSeconds: Type.Optional(Type.Integer({ minimum: 1 }))
    }),
    Type.Object({ created: Type.Literal(false), ...WechatRefusal })
  ])
})

/**
 * `/cgi-bin/user/info`: whether an openid follows the official account, since
 * when, and through which scene. Someone who does not follow has `subscribed: false` only.
 */
export const WechatUserInfo = defineRequest('wechat.user_info', {
  payload: Type.Object({ openid: Type.String({ minLength: 1, maxLength: 128 }) }),
  reply: Type.Union([
    Type.Object({
      known: Type.Literal(true),
      openid: Type.String(),
      subscribed: Type.Boolean(),
      unionid: Type.Optional(Type.String()),
      language: Type.Optional(Type.String()),
      subscribeTime: Type.Optional(Type.Integer({ description: 'seconds since the epoch' })),
      subscribeScene: Type.Optional(Type.String({ description: "WeChat's ADD_SCENE_…" })),
      qrSceneStr: Type.Optional(Type.String({ description: 'the QR code scene the user followed through' }))
    }),
    Type.Object({ known: Type.Literal(false), ...WechatRefusal })
  ])
})
