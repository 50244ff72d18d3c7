export { WechatConfigProperties, type WechatConfig } from './config.js'
export { WECHAT_NOT_BYTES_ERRCODE, WechatError, WechatTransportErrcode, isTokenRejected } from './wechat-error.js'
export {
  createWechatClient, type WechatClient, type WechatClientOptions, type WechatMedia
} from './client/wechat-client.js'
export type { AuthorizeUrlOptions, OAuthScope, WechatOAuthToken, WechatUserInfo } from './client/oauth.js'
export { CREDENTIALS_COLLECTION } from './cache/credential-records.js'
export { wechatPlugin, type WechatPluginOptions } from './wechat-plugin.js'
export { wechatMetrics, type WechatMetrics } from './client/wechat-metrics.js'
export type { QrCodeRequest, WechatQrCode, WechatSubscriber } from './client/account-calls.js'
export {
  ENCODING_AES_KEY, decryptPush, isPushSignature, pushAesKey, pushSignature,
  type DecryptFailure, type DecryptResult
} from './push/push-crypto.js'
export { readPushXml, type PushFields } from './push/push-message.js'
