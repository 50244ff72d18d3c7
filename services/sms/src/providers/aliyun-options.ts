import { randomUUID } from 'node:crypto'
import { AliyunOptionsError } from './aliyun-errors.js'

export const ALIYUN_SMS_ENDPOINT = 'https://dysmsapi.aliyuncs.com'
export const ALIYUN_SMS_TIMEOUT_MS = 5000

export interface AliyunSmsOptions {
  /** Default `https://dysmsapi.aliyuncs.com`. */
  endpoint?: string
  accessKeyId: string
  accessKeySecret: string
  /** The approved signature shown in 【】 before the text, e.g. `货车司机平台`. */
  signName: string
  /** An approved template with a `${code}` variable, e.g. `SMS_15305****`. */
  templateCode: string
  /** Whole request, body included. Default 5000. */
  timeoutMs?: number
  /** Clock for `Timestamp`; injectable so tests are deterministic. */
  now?: () => Date
  /** Source of `SignatureNonce`; must differ on every request. Default a random UUID. */
  nonce?: () => string
}

export type ResolvedAliyunSmsOptions = Required<AliyunSmsOptions>

export function resolveAliyunSmsOptions (options: AliyunSmsOptions): ResolvedAliyunSmsOptions {
  for (const name of ['accessKeyId', 'accessKeySecret', 'signName', 'templateCode'] as const) {
    if (typeof options[name] !== 'string' || options[name].trim() === '') throw new AliyunOptionsError(name)
  }
  const endpoint = options.endpoint ?? ALIYUN_SMS_ENDPOINT
  if (!URL.canParse(endpoint) || !['http:', 'https:'].includes(new URL(endpoint).protocol)) {
    throw new AliyunOptionsError('endpoint')
  }
  const timeoutMs = options.timeoutMs ?? ALIYUN_SMS_TIMEOUT_MS
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new AliyunOptionsError('timeoutMs')
  return {
    ...options,
    endpoint,
    timeoutMs,
    now: options.now ?? (() => new Date()),
    nonce: options.nonce ?? randomUUID
  }
}
