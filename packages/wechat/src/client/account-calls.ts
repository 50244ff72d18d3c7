import { QrCodeAnswer, SubscriberAnswer } from '../schemas/account-answers.js'
import type { WechatHttp } from './wechat-http.js'

/** A QR code of the official account: scanning it follows the account and tells us `scene`. */
export interface WechatQrCode {
  /** Shows the image: `https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=<urlencoded ticket>`. */
  ticket: string
  /** What the code holds (a `weixin.qq.com/q/…` URL). */
  url: string
  /** Seconds a temporary code lives; absent for a permanent one. */
  expireSeconds?: number
}

export interface QrCodeRequest {
  /** `scene_str`: 1 to 64 characters, given back in the follow or scan event. */
  scene: string
  /** A temporary code (`QR_STR_SCENE`) of this lifetime; a permanent one (`QR_LIMIT_STR_SCENE`) without. */
  expireSeconds?: number
}

/** `/cgi-bin/user/info`: whether `openid` follows the account, since when, and through which scene. */
export interface WechatSubscriber {
  openid: string
  subscribed: boolean
  unionid?: string
  language?: string
  /** Seconds since the epoch. */
  subscribeTime?: number
  subscribeScene?: string
  qrSceneStr?: string
}

type WithToken = <T>(call: (token: string) => Promise<T>) => Promise<T>

function subscriber (answer: SubscriberAnswer): WechatSubscriber {
  const { openid, unionid, language, subscribe_time: time, subscribe_scene: scene, qr_scene_str: qrScene } = answer
  return {
    openid,
    subscribed: answer.subscribe === 1,
    ...(unionid === undefined || unionid === '' ? {} : { unionid }),
    ...(language === undefined ? {} : { language }),
    ...(time === undefined ? {} : { subscribeTime: time }),
    ...(scene === undefined ? {} : { subscribeScene: scene }),
    ...(qrScene === undefined || qrScene === '' ? {} : { qrSceneStr: qrScene })
  }
}

/** Calls made with the official account's access_token: a refused token is renewed and the call made once more. */
export function accountCalls (http: WechatHttp, withToken: WithToken) {
  return {
    async createQrCode ({ scene, expireSeconds }: QrCodeRequest): Promise<WechatQrCode> {
      const body = expireSeconds === undefined
        ? { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: scene } } }
        : { expire_seconds: expireSeconds, action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: scene } } }
      const answer = await withToken((token) =>
        http.postJson('/cgi-bin/qrcode/create', { access_token: token }, body, QrCodeAnswer))
      return {
        ticket: answer.ticket,
        url: answer.url,
        ...(answer.expire_seconds === undefined ? {} : { expireSeconds: answer.expire_seconds })
      }
    },
    async subscriberInfo (openid: string): Promise<WechatSubscriber> {
      return subscriber(await withToken((token) =>
        http.json('/cgi-bin/user/info', { access_token: token, openid, lang: 'zh_CN' }, SubscriberAnswer)))
    }
  }
}
