import { createHash } from 'node:crypto'

export interface JsSdkSignatureInput {
  ticket: string
  nonceStr: string
  /** Seconds since the epoch, as `wx.config` is given it. */
  timestamp: number
  /** The page's url as the page gave it, fragment already removed. */
  url: string
}

/**
 * WeChat's JS-SDK signature (JS-SDK document, appendix 1): SHA-1 over the four
 * fields in this order, written as they are. The url is not re-encoded or
 * normalised, since WeChat signs the page's own `location.href`: any change
 * (an encoded character, http for https, a trailing slash) is "invalid signature".
 */
export function jsSdkSignature ({ ticket, nonceStr, timestamp, url }: JsSdkSignatureInput): string {
  return createHash('sha1')
    .update(`jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${url}`)
    .digest('hex')
}

/** The part of a page url WeChat signs: everything before the first `#`. */
export function withoutFragment (url: string): string {
  const hash = url.indexOf('#')
  return hash === -1 ? url : url.slice(0, hash)
}
