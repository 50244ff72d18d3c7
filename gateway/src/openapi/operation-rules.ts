import { SESSION_COOKIE, WX_CONTENT_TYPES } from '@driver/kit'
import type { ProxyRoute, Upstream } from '../route-table.js'
import type { JsonObject } from './document.js'

/** One tag per service: what each owns, for Swagger UI's sections. */
export const SERVICE_TAGS: Record<Upstream, string> = {
  identity: 'The user center (/users): accounts federated with MeFP, tokens, consignors, drivers, reviews.',
  resumes: 'WeChat login, the driver\'s profile and resume, sales attribution, WeChat\'s server push.',
  media: 'Photos: fetched from WeChat or uploaded, served by id; the JS-SDK configuration.',
  sms: 'Verification codes that bind a phone to the WeChat user (and, in development, their outbox).'
}

export const SESSION_SCHEMES = {
  wxSessionCookie: {
    type: 'apiKey', in: 'cookie', name: SESSION_COOKIE,
    description: 'The WeChat session (an ES256 JWT) that /wx/auth/callback sets after WeChat login. ' +
      'In a browser: open /wx/auth/login?redirect=/docs first; the cookie then goes with every call.'
  },
  wxSessionBearer: {
    type: 'http', scheme: 'bearer', bearerFormat: 'JWT',
    description: 'The same session JWT in an `Authorization: Bearer` header.'
  }
}
/** Separate requirement objects: either scheme is enough. */
const SESSION_SECURITY = [{ wxSessionCookie: [] }, { wxSessionBearer: [] }]

/** What a route that writes answers to a request another site's page made (plugins/same-site-writes.ts). */
const CROSS_SITE_NOTE = 'Sent by a browser for another site\'s page (Sec-Fetch-Site, Origin, Referer): ' +
  '`GATEWAY_CROSS_SITE`.'
const MEFP_NOTE = 'Server to server, for MeFP only: reachable only from the addresses in `MEFP_ALLOWED_IPS`; ' +
  'anyone else gets 403.'

/** A failure the gateway answers itself, in the envelope of the route's family (DESIGN §3). */
function gatewayFailure (route: ProxyRoute, description: string, message: string, code: string): JsonObject {
  const wx = route.prefix.startsWith('/wx') || route.prefix.startsWith('/dev')
  const example = wx ? { message, code } : { result: 0, msg: message, code }
  const schema = wx
    ? {
        type: 'object',
        required: ['message', 'code'],
        properties: { message: { type: 'string' }, code: { type: 'string' } }
      }
    : {
        type: 'object',
        required: ['result', 'msg', 'code'],
        properties: { result: { type: 'integer', enum: [0] }, msg: { type: 'string' }, code: { type: 'string' } }
      }
  // kit's wxEnvelope answers /wx as text unless the request's Accept names JSON.
  const types = wx ? WX_CONTENT_TYPES : ['application/json']
  return { description, content: Object.fromEntries(types.map((type) => [type, { schema, example }])) }
}

/** `GET /users/{id}` → `getUsersById`: stable, unique per method and path, safe in a URL. */
export function operationIdOf (method: string, path: string): string {
  const words = path.split('/').filter((segment) => segment !== '').flatMap((segment) => {
    const parameter = /^\{(.+)\}$/.exec(segment)?.[1]
    return parameter === undefined ? segment.split(/[^A-Za-z0-9]+/) : ['by', ...parameter.split(/[^A-Za-z0-9]+/)]
  })
  return method + words.filter((word) => word !== '').map((word) => word[0]?.toUpperCase() + word.slice(1)).join('')
}

/**
 * The gateway's rules on top of a service's operation: its tag and id, the session
 * the gateway checks, the allow-lists, the same-site rule, the rate limit, and what
 * each answers when it refuses.
 */
export function applyGatewayRules (
  operation: JsonObject, route: ProxyRoute, method: string, path: string, responses: JsonObject
): JsonObject {
  const published: JsonObject = { ...operation, tags: [route.upstream] }
  if (typeof operation.operationId !== 'string') published.operationId = operationIdOf(method, path)
  const add = (status: string, answer: JsonObject): void => {
    if (!Object.hasOwn(responses, status)) responses[status] = answer
  }
  if (route.session) {
    published.security = SESSION_SECURITY
    add('401', gatewayFailure(route, 'No valid WeChat session.', '未登录', 'KIT_UNAUTHORIZED'))
  }
  if (route.mefpOnly) {
    published['x-mefp-only'] = true
    published.description = typeof operation.description === 'string'
      ? `${MEFP_NOTE}\n\n${operation.description}`
      : MEFP_NOTE
    add('403', { description: 'The caller is not in MEFP_ALLOWED_IPS.' })
  }
  if (route.wechatPushOnly) {
    add('403', { description: 'The caller is outside WECHAT_PUSH_ALLOWED_IPS (when set), or a bad signature.' })
  }
  if (route.writes) {
    published['x-same-site-only'] = true
    add('403', gatewayFailure(route, CROSS_SITE_NOTE, '请从本站页面提交', 'GATEWAY_CROSS_SITE'))
  }
  // Explicitly open: neither the gateway nor the service asks for a credential.
  published.security ??= []
  if (route.devOnly) published['x-dev-only'] = true
  add('429', gatewayFailure(route, 'Too many requests from this client IP (RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_MS).',
    '请求过于频繁，请稍后再试', 'KIT_RATE_LIMITED'))
  published.responses = responses
  return published
}
