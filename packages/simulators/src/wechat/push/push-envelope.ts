import { randomBytes } from 'node:crypto'
import WXBizMsgCrypt from 'wechat-crypto'

/** How the account's settings ask WeChat to send messages: plain, compatible (both) or safe (encrypted). */
export type PushMode = 'plain' | 'compatible' | 'safe'

export interface PushSigning {
  token: string
  /** Required for the compatible and safe modes. */
  encodingAesKey?: string
  appId: string
  mode: PushMode
}

const cdata = (value: string): string => `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`

/** A message as WeChat writes it: `<xml>` with one element per field, text in CDATA. */
export function pushXml (fields: Record<string, string | number>): string {
  const elements = Object.entries(fields)
    .map(([name, value]) => `<${name}>${typeof value === 'number' ? value : cdata(value)}</${name}>`)
  return `<xml>${elements.join('')}</xml>`
}

/** The fields every pushed message starts with. */
export interface PushHeader { ToUserName: string, FromUserName: string, CreateTime: number }

/**
 * The query string and body WeChat sends for `fields` in the configured mode,
 * signed and encrypted by `wechat-crypto` (WeChat's own sample code as an npm
 * package), an implementation independent of the platform's.
 */
export function signedPush (
  signing: PushSigning, fields: PushHeader & Record<string, string | number>, nowSeconds: number
): { query: string, body: string } {
  const xml = pushXml(fields)
  const timestamp = String(nowSeconds)
  const nonce = String(randomBytes(4).readUInt32BE())
  // The plain signature is of the sorted three alone: the same hash with an empty fourth string.
  const signer = new WXBizMsgCrypt(signing.token, signing.encodingAesKey ?? 'A'.repeat(43), signing.appId)
  const base = { signature: signer.getSignature(timestamp, nonce, ''), timestamp, nonce, openid: fields.FromUserName }
  if (signing.mode === 'plain') return { query: new URLSearchParams(base).toString(), body: xml }
  if (signing.encodingAesKey === undefined) throw new Error(`the ${signing.mode} mode needs an EncodingAESKey`)
  const encrypt = signer.encrypt(xml)
  const query = { ...base, encrypt_type: 'aes', msg_signature: signer.getSignature(timestamp, nonce, encrypt) }
  const body = signing.mode === 'safe'
    ? pushXml({ ToUserName: fields.ToUserName, Encrypt: encrypt })
    : xml.replace(/<\/xml>$/, `<Encrypt>${cdata(encrypt)}</Encrypt></xml>`)
  return { query: new URLSearchParams(query).toString(), body }
}
