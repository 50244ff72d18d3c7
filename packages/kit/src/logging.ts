import type { FastifyRequest } from 'fastify'
import type { LoggerOptions } from 'pino'

/**
 * Body and object keys whose values never reach a log line. A WeChat session travels as
 * `wx_session` (cookie, query, form); a bare `session` key is the bus's connection number.
 */
const SECRET_KEYS = [
  'password', 'passwd', 'token', 'access_token', 'refresh_token', 'jsapi_ticket', 'ticket',
  'secret', 'app_secret', 'captcha', 'code', 'sms_code', 'wx_session', 'authorization', 'cookie'
]

/**
 * Query parameters that carry secrets; `code` is both the SMS code and WeChat's
 * OAuth code, `state` the login's single-use CSRF value, `wx_session` a session a
 * client put in the URL.
 */
const SECRET_QUERY = new Set([
  'password', 'old_password', 'new_password', 'token', 'access_token', 'refresh_token', 'secret', 'captcha',
  'code', 'ticket', 'signature', 'wx_session', 'session', 'state'
])

/** A logged URL is cut here: a long URL says nothing more to ops, and costs every log line. */
export const MAX_LOGGED_URL = 512

export const REDACTED = '[Redacted]'

const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...SECRET_KEYS.filter((key) => key !== 'code').flatMap((key) => [key, `*.${key}`])
]

/** Query parameters that carry a phone number; logged masked. */
const PHONE_QUERY = new Set(['phone', 'login_name', 'contact_number'])
/** Query parameters that carry an ID card number (the resume's and the driver record's); logged masked. */
const ID_NUMBER_QUERY = new Set(['id_num', 'idcard_number'])

/** Replaces secret query parameters in a request URL, masks phones and ID numbers, and cuts it to MAX_LOGGED_URL. */
export function redactUrl (url: string): string {
  const redacted = redactQuery(url)
  return redacted.length > MAX_LOGGED_URL ? `${redacted.slice(0, MAX_LOGGED_URL)}…` : redacted
}

function redactQuery (url: string): string {
  const queryAt = url.indexOf('?')
  if (queryAt === -1) return url
  const params = new URLSearchParams(url.slice(queryAt + 1))
  let changed = false
  for (const key of new Set(params.keys())) {
    // jQuery spells a list `name[]` and a nested value `name[0][]`: judged by the name before them.
    const name = key.toLowerCase().replace(/\[.*$/, '')
    if (SECRET_QUERY.has(name)) {
      params.set(key, REDACTED)
      changed = true
    } else if (PHONE_QUERY.has(name)) {
      params.set(key, maskPhone(params.get(key) ?? ''))
      changed = true
    } else if (ID_NUMBER_QUERY.has(name)) {
      params.set(key, maskIdNumber(params.get(key) ?? ''))
      changed = true
    }
  }
  return changed ? `${url.slice(0, queryAt)}?${params.toString()}` : url
}

/** `13812345678` → `138****5678`, so support can still tell phones apart. */
export function maskPhone (phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****'
}

/** Keeps the region prefix and the check digit of an ID number. */
export function maskIdNumber (id: string): string {
  return id.length >= 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 6)}${id.slice(-2)}` : '****'
}

export interface LoggerSettings {
  level: string
  service: string
}

/** Pino options shared by every process: redaction, a service name, a safe request serializer. */
export function loggerOptions ({ level, service }: LoggerSettings): LoggerOptions {
  return {
    level,
    base: { service },
    formatters: {
      // Every line already names its service; a logged object naming the same one (the store's
      // "embedded store opened") would write the key twice.
      log (object) {
        if (object.service !== service) return object
        const { service: _same, ...rest } = object
        return rest
      }
    },
    redact: { paths: redactPaths, censor: REDACTED },
    serializers: {
      req (request: FastifyRequest) {
        return {
          method: request.method,
          url: redactUrl(request.url),
          remoteAddress: request.ip
        }
      }
    }
  }
}
