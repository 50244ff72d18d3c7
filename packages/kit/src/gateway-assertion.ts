import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto'
import { ASSERTION_HEADER, CLIENT_IP_HEADER, REQUEST_ID_HEADER, WX_USER_HEADER } from './headers.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answers without the gateway's assertion: only health and readiness, which orchestrators call directly. */
    unasserted?: boolean
  }
}

/** What the gateway asserts about a request it forwards. */
export interface Assertion {
  method: string
  url: string
  requestId: string
  clientIp: string
  /** The session's WeChat user, on routes with a session. */
  wxUserId?: string
}

/** An assertion older (or further ahead) than this is refused: the clocks of one deployment agree within it. */
export const ASSERTION_MAX_AGE_MS = 30_000

/** A process holds one or two secrets; HMAC from a key object skips the key's conversion on every request. */
const keys = new Map<string, KeyObject>()
function keyOf (secret: string): KeyObject {
  let key = keys.get(secret)
  if (key === undefined) {
    key = createSecretKey(Buffer.from(secret))
    if (keys.size >= 16) keys.clear()
    keys.set(secret, key)
  }
  return key
}

function mac (secret: string, at: number, { method, url, requestId, clientIp, wxUserId = '' }: Assertion) {
  return createHmac('sha256', keyOf(secret)).update(`${at}\n${method}\n${url}\n${requestId}\n${clientIp}\n${wxUserId}`)
}

/**
 * Sets on `headers` what the gateway sets on every request it forwards: the
 * values it vouches for and `x-gateway-assertion: <ms>.<hmac>` over them, the
 * method and the URL, so a service can tell them from headers anyone could
 * send. Set in place: the gateway's forwarded headers are a new object already,
 * and a second one merged into it is garbage on every request.
 */
export function setAssertionHeaders<H extends Record<string, unknown>> (
  headers: H, secret: string, assertion: Assertion, now = Date.now()
): H {
  const record = headers as Record<string, unknown>
  record[REQUEST_ID_HEADER] = assertion.requestId
  record[CLIENT_IP_HEADER] = assertion.clientIp
  record[ASSERTION_HEADER] = `${now}.${mac(secret, now, assertion).digest('base64url')}`
  if (assertion.wxUserId) record[WX_USER_HEADER] = assertion.wxUserId
  return headers
}

/** The headers `setAssertionHeaders` sets, in an object of their own (tests and callers other than the gateway). */
export function assertionHeaders (secret: string, assertion: Assertion, now = Date.now()): Record<string, string> {
  return setAssertionHeaders<Record<string, string>>({}, secret, assertion, now)
}

/** True when `header` is a fresh, valid signature of the assertion (compared in constant time). */
export function verifyAssertion (
  secret: string, header: string | undefined, assertion: Assertion, now = Date.now()
): boolean {
  const match = /^(\d{13})\.([\w-]{43})$/.exec(header ?? '')
  if (!match) return false
  const at = Number(match[1])
  if (Math.abs(now - at) > ASSERTION_MAX_AGE_MS) return false
  const given = Buffer.from(match[2] ?? '', 'base64url')
  const expected = mac(secret, at, assertion).digest()
  return given.length === expected.length && timingSafeEqual(given, expected)
}
