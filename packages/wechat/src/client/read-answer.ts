import type { Readable } from 'node:stream'
import { WechatError, WechatTransportErrcode } from '../wechat-error.js'

/** WeChat's answers are a few hundred bytes; anything past this is not one. */
export const MAX_ANSWER_BYTES = 64 * 1024

/** The query parameters whose values must never appear in an error or a log line. */
const SECRET_PARAMS = ['secret', 'access_token', 'code', 'refresh_token']

/**
 * The secret values of a call's query, so they can be cut out of whatever
 * WeChat (or a proxy in between) echoes back in `errmsg`.
 */
export function secretsOf (query: Record<string, string>): string[] {
  return SECRET_PARAMS.map((name) => query[name])
    .filter((value): value is string => value !== undefined && value.length > 0)
}

function redact (text: string, secrets: string[]): string {
  return secrets.reduce((redacted, secret) => redacted.split(secret).join('***'), text)
}

export function badAnswer (api: string, what: string): WechatError {
  return new WechatError(api, WechatTransportErrcode.badAnswer, what)
}

/** Reads a small answer whole; a larger one is not WeChat's and is cut off. */
export async function readSmall (api: string, body: Readable): Promise<string> {
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of body as AsyncIterable<Buffer>) {
    length += chunk.length
    if (length > MAX_ANSWER_BYTES) {
      body.destroy()
      throw badAnswer(api, `an answer larger than ${MAX_ANSWER_BYTES} bytes`)
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function parseObject (text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    const isRecord = typeof value === 'object' && value !== null && !Array.isArray(value)
    return isRecord ? value as Record<string, unknown> : undefined
  } catch {
    return undefined
  }
}

/**
 * WeChat answers its errors with HTTP 200 and `{"errcode":…,"errmsg":…}`, as
 * `application/json` or `text/plain`: the errcode decides, not the status or
 * the content type. Returns the answer when it carries no error (or `errcode: 0`).
 */
export function checkAnswer (api: string, status: number, text: string, secrets: string[]): Record<string, unknown> {
  const answer = parseObject(text)
  const errcode = answer?.errcode
  if (typeof errcode === 'number' && Number.isInteger(errcode) && errcode !== 0) {
    const errmsg = typeof answer?.errmsg === 'string' ? redact(answer.errmsg, secrets).slice(0, 300) : ''
    throw new WechatError(api, errcode, errmsg)
  }
  if (status < 200 || status > 299) throw badAnswer(api, `HTTP ${status}`)
  if (answer === undefined) throw badAnswer(api, 'an answer that is not a JSON object')
  return answer
}
