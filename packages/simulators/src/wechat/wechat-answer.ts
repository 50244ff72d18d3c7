import { randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'

/** WeChat's own words for the errcodes the simulator gives. */
const ERRMSG: Record<number, string> = {
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40007: 'invalid media_id',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40029: 'invalid code',
  40030: 'invalid refresh_token',
  40097: 'invalid args',
  40125: 'invalid appsecret',
  40163: 'code been used',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41007: 'missing media_id',
  41008: 'missing code',
  42001: 'access_token expired',
  48001: 'api unauthorized'
}

export const JSON_TYPE = 'application/json; encoding=utf-8'
/** What WeChat's media API labels its JSON errors with. */
export const TEXT_TYPE = 'text/plain'

/**
 * An error the way WeChat answers it: HTTP 200, `{"errcode":…,"errmsg":"… rid: …"}`
 * (the request id WeChat appends, for its support).
 */
export function sendWechatError (reply: FastifyReply, errcode: number, contentType = JSON_TYPE): FastifyReply {
  const rid = `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`
  return reply.code(200).type(contentType).send(
    JSON.stringify({ errcode, errmsg: `${ERRMSG[errcode] ?? 'simulated error'} rid: ${rid}` })
  )
}

export function sendWechatJson (reply: FastifyReply, body: object): FastifyReply {
  return reply.code(200).type(JSON_TYPE).send(JSON.stringify(body))
}

/** A query parameter as WeChat reads it: the first value when repeated, undefined when absent. */
export function param (request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, string | string[] | undefined>)[name]
  return Array.isArray(value) ? value[0] : value
}
