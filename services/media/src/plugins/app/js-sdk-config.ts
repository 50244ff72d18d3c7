import { randomBytes } from 'node:crypto'
import fp from 'fastify-plugin'
import { judgePageUrl } from '../../domain/js-domains.js'
import { jsSdkSignature, withoutFragment } from '../../domain/js-sdk-signature.js'
import { PageNotAllowedError, PageUrlInvalidError } from '../../errors.js'

export interface JsSdkConfig {
  appId: string
  timestamp: number
  nonceStr: string
  signature: string
}

export interface JsSdk {
  /** `wx.config`'s values for a page, signed with the cached ticket; only pages on WECHAT_JS_DOMAINS. */
  configFor: (pageUrl: string) => Promise<JsSdkConfig>
}

declare module 'fastify' {
  interface FastifyInstance {
    jsSdk: JsSdk
  }
}

export interface JsSdkOptions {
  appId: string
  /** WECHAT_JS_DOMAINS, parsed once. */
  domains: ReadonlySet<string>
  /** Tests fix the time; seconds are taken from it. */
  clock?: () => Date
}

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** 16 letters and digits, like WeChat's own examples: nothing the page would need to escape. */
function nonce (): string {
  return [...randomBytes(16)].map((byte) => NONCE_ALPHABET[byte % NONCE_ALPHABET.length]).join('')
}

export const jsSdkConfig = fp<JsSdkOptions>(async (app, { appId, domains, clock = () => new Date() }) => {
  app.decorate('jsSdk', {
    async configFor (pageUrl) {
      const url = withoutFragment(pageUrl)
      const verdict = judgePageUrl(url, domains)
      if (verdict === 'invalid') throw new PageUrlInvalidError()
      if (verdict === 'not-allowed') throw new PageNotAllowedError()
      const ticket = await app.wechatMedia.jsapiTicket()
      const timestamp = Math.floor(clock().getTime() / 1000)
      const nonceStr = nonce()
      return { appId, timestamp, nonceStr, signature: jsSdkSignature({ ticket, nonceStr, timestamp, url }) }
    }
  } satisfies JsSdk)
}, { name: 'js-sdk-config', dependencies: ['wechat-media'] })
