import { hostname } from 'node:os'
import type { FastifyRequest } from 'fastify'
import { stdSerializers, type LoggerOptions } from 'pino'
import { maskText, REDACTED, redactUrl } from './log-masking.js'

/**
 * Body and object keys whose values never reach a log line. A WeChat session travels as
 * `wx_session` (cookie, query, form); a bare `session` key is the bus's connection number.
 */
const SECRET_KEYS = [
  'password', 'passwd', 'token', 'access_token', 'refresh_token', 'jsapi_ticket', 'ticket',
  'secret', 'app_secret', 'captcha', 'code', 'sms_code', 'wx_session', 'authorization', 'cookie'
]

const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...SECRET_KEYS.filter((key) => key !== 'code').flatMap((key) => [key, `*.${key}`])
]

/** A logged object's own texts (not nested ones: those are the serializers' and redaction's), phones masked. */
function maskFields (object: Record<string, unknown>): Record<string, unknown> {
  let masked: Record<string, unknown> | undefined
  for (const key in object) {
    const value = object[key]
    if (typeof value !== 'string') continue
    const safe = maskText(value)
    if (safe !== value) (masked ??= { ...object })[key] = safe
  }
  return masked ?? object
}

/** An error as pino writes it, its message and stack masked: an error may quote a URL or a phone. */
function errorLine (error: Error): ReturnType<typeof stdSerializers.err> {
  const line = stdSerializers.err(error)
  // What is not an error comes back as it was given; it is the caller's, not a copy to change.
  if (line === (error as unknown) || typeof line !== 'object' || line === null) return line
  if (typeof line.message === 'string') line.message = maskText(line.message)
  if (typeof line.stack === 'string') line.stack = maskText(line.stack)
  return line
}

export interface LoggerSettings {
  level: string
  service: string
}

/** Read once: a replica's lines are told apart by them. */
const HOST = hostname()

/**
 * What every line of a process has, its app logger's and its request lines (request-log.ts)
 * alike: the service, the host and the process that wrote it, and the level by name
 * (`"level":"info"`), as log pipelines expect. pino formats a level's text once, not per line.
 */
export function lineOptions ({ level, service }: LoggerSettings): LoggerOptions {
  return {
    level,
    base: { service, hostname: HOST, pid: process.pid },
    formatters: { level: (label) => ({ level: label }) }
  }
}

/**
 * Pino options shared by every process: the lines' common fields (`lineOptions`), redaction by
 * key, a safe request serializer, and masking by value (log-masking.ts) of the message, the
 * logged object's texts and an error's message and stack, once here for every line.
 */
export function loggerOptions ({ level, service }: LoggerSettings): LoggerOptions {
  const common = lineOptions({ level, service })
  return {
    ...common,
    hooks: {
      logMethod (args, write) {
        // The message and its format arguments; pino hands the hook an array of its own.
        const texts: unknown[] = args
        for (let i = 0; i < texts.length; i++) {
          const text = texts[i]
          if (typeof text === 'string') texts[i] = maskText(text)
        }
        write.apply(this, args)
      }
    },
    formatters: {
      ...common.formatters,
      log (object) {
        // Every line already names its service; a logged object naming the same one (the store's
        // "embedded store opened") would write the key twice.
        if (object.service !== service) return maskFields(object)
        const { service: _same, ...rest } = object
        return maskFields(rest)
      }
    },
    redact: { paths: redactPaths, censor: REDACTED },
    serializers: {
      err: errorLine,
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
