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
