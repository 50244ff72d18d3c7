import fp from 'fastify-plugin'
import { decryptPush, isPushSignature, pushAesKey, readPushXml, type PushFields } from '@driver/wechat'
import { followEventOf, pushDedupeKey } from '../../domain/follow-event.js'
import {
  PushNotConfiguredError, PushSafeModeOffError, PushSignatureError, PushStaleError, PushUnreadableError
} from '../../errors.js'

/** The query WeChat adds to the server address (`/wx/portal`). */
export interface PushQuery {
  signature?: string
  timestamp?: string
  nonce?: string
  echostr?: string
  encrypt_type?: string
  msg_signature?: string
}

export interface WechatPushOptions {
  /** WECHAT_PUSH_TOKEN; without it every push is refused as not configured. */
  token?: string
  /** WECHAT_ENCODING_AES_KEY; without it encrypted pushes are refused. */
  encodingAesKey?: string
  /** WECHAT_APPID: an encrypted message must name it. */
  appId?: string
  /** Milliseconds since the epoch; tests move it. */
  clock?: () => number
}

export interface WechatPush {
  /** The URL check of the account's settings: `echostr` when signed with our token. */
  verifyUrl: (query: PushQuery) => string
  /** A pushed message, verified and (in safe mode) decrypted: its fields. */
  open: (query: PushQuery, body: string) => PushFields
  /** Applies a verified message once, however often WeChat delivers it. */
  handle: (fields: PushFields) => Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    wechatPush: WechatPush
  }
}

/** A signature says nothing of when it was made: one older or newer than this is a replay. */
const MAX_SKEW_SECONDS = 300

/** WeChat's server push (DESIGN §3): signatures, safe mode, and each message handled once. */
export const wechatPush = fp<WechatPushOptions>(async (app, options) => {
  const { token, encodingAesKey, appId = '', clock = Date.now } = options
  const aesKey = encodingAesKey === undefined ? undefined : pushAesKey(encodingAesKey)
  const log = app.log.child({ component: 'wechat-push' })

  function refuse (error: Error, reason: string): never {
    log.warn({ reason }, 'refused a WeChat push')
    throw error
  }

  /** The token, and the timestamp and nonce of a fresh request. */
  function signedParts (query: PushQuery): [string, string, string] {
    if (token === undefined) throw new PushNotConfiguredError()
    const { timestamp = '', nonce = '' } = query
    const age = Math.abs(clock() / 1000 - Number(timestamp))
    if (!/^\d{1,12}$/.test(timestamp) || age > MAX_SKEW_SECONDS) refuse(new PushStaleError(), 'timestamp')
    return [token, timestamp, nonce]
  }

  function decrypted (query: PushQuery, outer: PushFields, parts: string[]): PushFields {
    if (aesKey === undefined) refuse(new PushSafeModeOffError(), 'no EncodingAESKey')
    const encrypt = outer.Encrypt ?? ''
    if (!isPushSignature(query.msg_signature, [...parts, encrypt])) refuse(new PushSignatureError(), 'msg_signature')
    const result = decryptPush(encrypt, aesKey, appId)
    if (!result.ok) return refuse(new PushUnreadableError(), result.reason)
    return readPushXml(result.message) ?? refuse(new PushUnreadableError(), 'decrypted xml')
  }

  app.decorate('wechatPush', {
    verifyUrl (query) {
      const parts = signedParts(query)
      if (!isPushSignature(query.signature, parts)) refuse(new PushSignatureError(), 'signature')
      return query.echostr ?? ''
    },
    open (query, body) {
      const parts = signedParts(query)
      if (query.encrypt_type === 'aes') {
        const outer = readPushXml(body) ?? refuse(new PushUnreadableError(), 'xml')
        return decrypted(query, outer, parts)
      }
      // Plain mode signs no body; the signature is checked before the body is read.
      if (!isPushSignature(query.signature, parts)) refuse(new PushSignatureError(), 'signature')
      return readPushXml(body) ?? refuse(new PushUnreadableError(), 'xml')
    },
    async handle (fields) {
      const event = followEventOf(fields)
      if (event === null) return
      if (event === 'unreadable') refuse(new PushUnreadableError(), 'event fields')
      // Unreadable events were refused above, so a key is always there.
      const key = pushDedupeKey(fields) ?? ''
      if (!await app.pushReceipts.claim(key)) {
        log.info({ event: event.kind }, 'WeChat push delivered again: handled once already')
        return
      }
      try {
        await app.follows.apply(event)
      } catch (error) {
        // WeChat retries what we do not acknowledge: give the claim back for that retry.
        await app.pushReceipts.release(key)
        throw error
      }
    }
  } satisfies WechatPush)
}, { name: 'wechat-push', dependencies: ['push-receipts', 'follows'] })
