import { Type, type Static } from 'typebox'

/**
 * The successful answers of the WeChat APIs this client calls, as WeChat
 * documents them. Every answer is checked against its schema: a field missing
 * or of the wrong type is an answer we cannot use (`WechatTransportErrcode.badAnswer`),
 * never a half-filled value. Extra fields are allowed (WeChat adds some over time).
 */

/** `GET /cgi-bin/token`. */
export const AccessTokenAnswer = Type.Object({
  access_token: Type.String({ minLength: 1 }),
  expires_in: Type.Integer({ minimum: 1 })
})

/** `GET /cgi-bin/ticket/getticket?type=jsapi`; it answers `errcode: 0` on success. */
export const JsapiTicketAnswer = Type.Object({
  errcode: Type.Optional(Type.Literal(0)),
  ticket: Type.String({ minLength: 1 }),
  expires_in: Type.Integer({ minimum: 1 })
})

/** `GET /sns/oauth2/access_token` and `/sns/oauth2/refresh_token`. */
export const OAuthTokenAnswer = Type.Object({
  access_token: Type.String({ minLength: 1 }),
  expires_in: Type.Integer({ minimum: 1 }),
  refresh_token: Type.String({ minLength: 1 }),
  openid: Type.String({ minLength: 1 }),
  scope: Type.String(),
  unionid: Type.Optional(Type.String({ minLength: 1 }))
})

/** `GET /sns/userinfo`. `sex` is 0 (unknown), 1 or 2; WeChat now often answers 0 and empty places. */
export const UserInfoAnswer = Type.Object({
  openid: Type.String({ minLength: 1 }),
  nickname: Type.String(),
  sex: Type.Integer(),
  province: Type.String(),
  city: Type.String(),
  country: Type.String(),
  headimgurl: Type.String(),
  unionid: Type.Optional(Type.String({ minLength: 1 }))
})

export type AccessTokenAnswer = Static<typeof AccessTokenAnswer>
export type JsapiTicketAnswer = Static<typeof JsapiTicketAnswer>
export type OAuthTokenAnswer = Static<typeof OAuthTokenAnswer>
export type UserInfoAnswer = Static<typeof UserInfoAnswer>
