import { Type, type Static } from 'typebox'

/**
 * Answers of the official account's own APIs that take its access_token
 * (beyond the token, the ticket and media), as WeChat documents them.
 */

/** `POST /cgi-bin/qrcode/create`: the ticket that shows the code, and the URL the code holds. */
export const QrCodeAnswer = Type.Object({
  ticket: Type.String({ minLength: 1 }),
  /** Only for a temporary code. */
  expire_seconds: Type.Optional(Type.Integer({ minimum: 1 })),
  url: Type.String({ minLength: 1 })
})

/**
 * `GET /cgi-bin/user/info`: a follower's record. Someone who does not follow
 * (any more) is `{subscribe: 0, openid}` and nothing else. Since 2021 WeChat
 * no longer gives the nickname or head image here.
 */
export const SubscriberAnswer = Type.Object({
  subscribe: Type.Integer(),
  openid: Type.String({ minLength: 1 }),
  unionid: Type.Optional(Type.String()),
  language: Type.Optional(Type.String()),
  subscribe_time: Type.Optional(Type.Integer({ description: 'seconds since the epoch' })),
  subscribe_scene: Type.Optional(Type.String()),
  qr_scene_str: Type.Optional(Type.String())
})

export type QrCodeAnswer = Static<typeof QrCodeAnswer>
export type SubscriberAnswer = Static<typeof SubscriberAnswer>
