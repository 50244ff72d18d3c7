import type { Readable } from 'node:stream'
import type { Static, TSchema } from 'typebox'
import Value from 'typebox/value'
import { Agent, request } from 'undici'
import { WECHAT_NOT_BYTES_ERRCODE, WechatError, WechatTransportErrcode } from '../wechat-error.js'
import { guardBody } from './guard-body.js'
import { badAnswer, checkAnswer, readSmall, secretsOf } from './read-answer.js'
import type { WechatMetrics } from './wechat-metrics.js'

export interface WechatHttpOptions {
  apiUrl: string
  timeoutMs: number
  metrics?: WechatMetrics | undefined
}

/** WeChat's bytes, once it is known they are not one of its error answers. */
export interface WechatBytes {
  contentType: string | undefined
  contentLength: number | undefined
  body: Readable
}

export interface WechatHttp {
  /** A JSON API: WeChat's errcode becomes a `WechatError`, and the answer must match `schema`. */
  json: <S extends TSchema>(api: string, query: Record<string, string>, schema: S) => Promise<Static<S>>
  /** A JSON API called with a JSON body (POST), answered and checked as `json`'s. */
  postJson: <S extends TSchema>(
    api: string, query: Record<string, string>, body: object, schema: S
  ) => Promise<Static<S>>
  /** A download: a JSON or text answer is WeChat's error; bytes are handed out streamed. */
  bytes: (api: string, query: Record<string, string>, signal?: AbortSignal) => Promise<WechatBytes>
  close: () => Promise<void>
}

/** An answer in one of these types is WeChat talking (an error), never media bytes. */
const TALKING = /^(application\/json|text\/)/i
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])

/**
 * A transport failure as a `WechatError`; undici's error stays the cause (it names host and
 * port, never the query). `deadlinePassed`: the call's own deadline aborted it.
 */
export function transportError (api: string, error: unknown, timeoutMs: number, deadlinePassed = false): WechatError {
  const code = (error as { code?: unknown }).code
  const timedOut = deadlinePassed || (error as Error).name === 'TimeoutError' ||
    (typeof code === 'string' && TIMEOUT_CODES.has(code))
  return timedOut
    ? new WechatError(api, WechatTransportErrcode.timeout, `no answer within ${timeoutMs} ms`, { cause: error })
    : new WechatError(api, WechatTransportErrcode.unreachable,
      `unreachable (${typeof code === 'string' ? code : (error as Error).name})`, { cause: error })
}

/**
 * One undici agent per client: connect, headers and body (between two chunks)
 * each time out after `timeoutMs`; a JSON call as a whole does too. Redirects
 * are not followed: WeChat's APIs never redirect.
 */
export function createWechatHttp ({ apiUrl, timeoutMs, metrics }: WechatHttpOptions): WechatHttp {
  const agent = new Agent({ connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs })
  const base = apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`
  const urlOf = (api: string, query: Record<string, string>) => {
    const url = new URL(api.slice(1), base)
    url.search = new URLSearchParams(query).toString()
    return url.href
  }
  let closing: Promise<void> | undefined

  /** `signal`: the call's deadline (JSON calls) or the caller's (downloads), whose abort stays the caller's. */
  async function get (
    api: string, query: Record<string, string>, signal: { deadline: AbortSignal } | { caller?: AbortSignal },
    body?: object
  ) {
    const deadline = 'deadline' in signal ? signal.deadline : undefined
    const caller = 'caller' in signal ? signal.caller : undefined
    const sent = body === undefined
      ? { method: 'GET' as const }
      : { method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
    try {
      return await request(urlOf(api, query), { dispatcher: agent, ...sent, signal: deadline ?? caller })
    } catch (error) {
      throw caller?.aborted === true ? caller.reason : transportError(api, error, timeoutMs, deadline?.aborted)
    }
  }

  async function callJson<S extends TSchema> (
    api: string, query: Record<string, string>, schema: S, sent?: object
  ): Promise<Static<S>> {
    const deadline = AbortSignal.timeout(timeoutMs)
    const { statusCode, body } = await get(api, query, { deadline }, sent)
    const text = await readSmall(api, body).catch((error: unknown) => {
      throw error instanceof WechatError ? error : transportError(api, error, timeoutMs, deadline.aborted)
    })
    const answer = checkAnswer(api, statusCode, text, secretsOf(query))
    if (!Value.Check(schema, answer)) throw badAnswer(api, 'an answer of an unexpected shape')
    return answer
  }

  /** Counts the call, and its failure if it fails. */
  async function counted<T> (api: string, call: Promise<T>): Promise<T> {
    metrics?.called(api)
    try {
      return await call
    } catch (error) {
      metrics?.failed(api, error)
      throw error
    }
  }

  async function bytes (api: string, query: Record<string, string>, signal?: AbortSignal): Promise<WechatBytes> {
    const { statusCode, headers, body } = await get(api, query, { caller: signal })
    const contentType = typeof headers['content-type'] === 'string' ? headers['content-type'] : undefined
    if (statusCode < 200 || statusCode > 299 || (contentType !== undefined && TALKING.test(contentType))) {
      const text = await readSmall(api, body).catch((error: unknown) => {
        throw error instanceof WechatError ? error : transportError(api, error, timeoutMs)
      })
      checkAnswer(api, statusCode, text, secretsOf(query))
      // A 2xx JSON object without an errcode: WeChat talking about something that is not bytes.
      throw /^application\/json/i.test(contentType ?? '')
        ? new WechatError(api, WECHAT_NOT_BYTES_ERRCODE, 'a JSON answer without an errcode where bytes were expected')
        : badAnswer(api, `a ${contentType ?? 'text'} answer where bytes were expected`)
    }
    const length = headers['content-length']
    const contentLength = typeof length === 'string' && /^\d+$/.test(length) ? Number(length) : undefined
    const failure = (error: unknown) =>
      signal?.aborted === true ? signal.reason : transportError(api, error, timeoutMs)
    return { contentType, contentLength, body: guardBody(body, failure) }
  }

  return {
    json: async (api, query, schema) => await counted(api, callJson(api, query, schema)),
    postJson: async (api, query, body, schema) => await counted(api, callJson(api, query, schema, body)),
    bytes: async (api, query, signal) => await counted(api, bytes(api, query, signal)),

    async close () {
      closing ??= agent.close()
      await closing
    }
  }
}
