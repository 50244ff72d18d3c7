/** `wechat-crypto` (WeChat's own sample code, as an npm package) ships no types: what the simulator uses of it. */
declare module 'wechat-crypto' {
  class WXBizMsgCrypt {
    constructor (token: string, encodingAESKey: string, appId: string)
    getSignature (timestamp: string, nonce: string, encrypt: string): string
    encrypt (text: string): string
    decrypt (text: string): { message: string, id: string }
  }
  export = WXBizMsgCrypt
}
