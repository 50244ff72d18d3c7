import { Type } from 'typebox'

const Param = Type.Optional(Type.String({ maxLength: 128 }))

/** What WeChat adds to the server address: the signature, and in safe mode the mode and the body's signature. */
export const PushQuerySchema = Type.Object({
  signature: Param,
  timestamp: Param,
  nonce: Param,
  echostr: Param,
  openid: Param,
  encrypt_type: Param,
  msg_signature: Param
})

/** The examples the API document shows: WeChat's URL check and a follow event in plain mode. */
export const pushQueryExample = {
  signature: 'd5fc2a3bd9b1e3c4a7f6e8d9c0b1a2f3e4d5c6b7',
  timestamp: '1714521600',
  nonce: '1462845163',
  echostr: '5838479218127813673'
}
export const pushMessageExample = '<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>' +
  '<FromUserName><![CDATA[oAbCd1234567890EfGhIjKlMnOp]]></FromUserName><CreateTime>1714521600</CreateTime>' +
  '<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>'
