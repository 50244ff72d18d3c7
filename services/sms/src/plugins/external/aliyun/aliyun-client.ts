import { randomUUID } from 'node:crypto'
import { AliyunSendSmsError, SmsProviderError } from '../../../errors.js'
import type { SmsProvider, VerificationMessage } from '../sms-provider.js'
import { canonicalizeQuery, percentEncode, signRpcRequest, type RpcParams } from './aliyun-signature.js'

/** Already validated by the config schema (`SMS_PROVIDER=aliyun` requires them). */
export interface AliyunSmsOptions {
  endpoint: string
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

type ResolvedAliyunSmsOptions = Required<AliyunSmsOptions>

export interface AliyunFailure {
  /** Aliyun's answer `Code`, e.g. `isv.BUSINESS_LIMIT_CONTROL` or `SignatureDoesNotMatch`. */
  aliyunCode?: string
  /** Aliyun's `RequestId`, the handle its support asks for. */
  requestId?: string
  httpStatus?: number
}

function aliyunFailure (
  summary: string, failure: AliyunFailure, cause?: unknown
): InstanceType<typeof SmsProviderError> & AliyunFailure {
  const detail = cause === undefined ? new AliyunSendSmsError(summary) : new AliyunSendSmsError(summary, { cause })
  const known = Object.entries(failure).filter(([, value]) => value !== undefined)
  return Object.assign(new SmsProviderError({ cause: detail }), Object.fromEntries(known))
}

/** Aliyun's `Code` and `RequestId` go into logs, so only identifier-like values are kept. */
const IDENTIFIER = /^[\w.:-]{1,128}$/

interface HttpAnswer {
  status: number
  text: string
}

/**
 * Sends verification codes through Aliyun SMS `SendSms` (API version
 * 2017-05-25, RPC signature 1.0). Every failure, including a timeout, rejects
 * with `SmsProviderError` carrying `aliyunCode`, `requestId` and `httpStatus`
 * where Aliyun gave them.
 */
export function createAliyunSmsProvider (options: AliyunSmsOptions): SmsProvider {
  const config: ResolvedAliyunSmsOptions = {
    ...options,
    timeoutMs: options.timeoutMs ?? 5000,
    now: options.now ?? (() => new Date()),
    nonce: options.nonce ?? randomUUID
  }
  return {
    name: 'aliyun',
    async send (message) {
      const answer = await post(config, signedBody(config, message))
      checkAnswer(answer)
    }
  }
}

/**
 * POST with a form body rather than GET: the code and the signature then stay
 * out of URLs, which proxies and fetch errors tend to print.
 */
function signedBody (config: ResolvedAliyunSmsOptions, { phone, code }: VerificationMessage): string {
  const params: RpcParams = {
    AccessKeyId: config.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    PhoneNumbers: phone,
    SignName: config.signName,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: config.nonce(),
    SignatureVersion: '1.0',
    TemplateCode: config.templateCode,
    TemplateParam: JSON.stringify({ code }),
    Timestamp: iso8601Seconds(config.now()),
    Version: '2017-05-25'
  }
  const signature = signRpcRequest('POST', params, config.accessKeySecret)
  return `${canonicalizeQuery(params)}&Signature=${percentEncode(signature)}`
}

/** `yyyy-MM-ddTHH:mm:ssZ` in UTC; Aliyun documents the form without milliseconds. */
function iso8601Seconds (date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

async function post (config: ResolvedAliyunSmsOptions, body: string): Promise<HttpAnswer> {
  try {
    const response = await fetch(new URL('/', config.endpoint), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(config.timeoutMs)
    })
    return { status: response.status, text: await response.text() }
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError'
    const summary = timedOut ? `no answer within ${config.timeoutMs} ms` : 'endpoint unreachable'
    throw aliyunFailure(summary, {}, error)
  }
}

function checkAnswer ({ status, text }: HttpAnswer): void {
  const body = parseJsonObject(text)
  if (body === undefined) {
    throw aliyunFailure(`HTTP ${status} with a body that is not a JSON object`, { httpStatus: status })
  }

  const aliyunCode = identifier(body.Code)
  const requestId = identifier(body.RequestId)
  if (status >= 200 && status < 300 && aliyunCode === 'OK') return
  const summary = `${aliyunCode ?? 'no Code'} (HTTP ${status}, RequestId ${requestId ?? 'none'})`
  throw aliyunFailure(summary, { aliyunCode, requestId, httpStatus: status })
}

function parseJsonObject (text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value)
    return isObject ? value as Record<string, unknown> : undefined
  } catch {
    return undefined
  }
}

function identifier (value: unknown): string | undefined {
  return typeof value === 'string' && IDENTIFIER.test(value) ? value : undefined
}
