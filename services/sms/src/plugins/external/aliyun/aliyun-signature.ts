import { createHmac } from 'node:crypto'

/** Request parameters by name, before signing (`Signature` itself is never signed). */
export type RpcParams = Readonly<Record<string, string>>

export type RpcMethod = 'GET' | 'POST'

/**
 * Aliyun's percent-encoding (RFC 3986 over UTF-8): only A–Z, a–z, 0–9 and `-_.~`
 * stay literal, so a space is `%20` (never `+`) and `*` is `%2A`.
 * `encodeURIComponent` already does this except that it leaves `!'()*` alone.
 */
export function percentEncode (value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
}

/**
 * Names sorted the way the documentation's Java `TreeMap` sorts them (UTF-16
 * code units, which is also what `Array.prototype.sort` does), each name and
 * value encoded, joined with `=` and `&`.
 */
export function canonicalizeQuery (params: RpcParams): string {
  return Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name] ?? '')}`)
    .join('&')
}

/** The canonical query is encoded a second time here, so `%` in it becomes `%25`. */
export function stringToSign (method: RpcMethod, canonicalQuery: string): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery)}`
}

/**
 * Signature version 1.0 with HMAC-SHA1. The key is the secret followed by `&`:
 * the scheme reserves the part after it for a token that SendSms never uses.
 */
export function signRpcRequest (method: RpcMethod, params: RpcParams, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`)
    .update(stringToSign(method, canonicalizeQuery(params)), 'utf8')
    .digest('base64')
}
