import { randomUUID } from 'node:crypto'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'

/** What the gateway vouches for on a request it forwards (the kit's `Assertion`). */
export interface ForwardedRequest {
  method: string
  url: string
  requestId: string
  clientIp: string
  wxUserId?: string
}

/** The headers the gateway adds to what it forwards: the kit's `assertionHeaders` with the test's secret. */
export type GatewaySignature = (request: ForwardedRequest) => Record<string, string>

/** A request as a test sends it through the gateway. */
export interface GatewayRequest {
  method: 'GET' | 'POST' | 'HEAD'
  url: string
  headers?: Record<string, string>
  payload?: InjectOptions['payload']
  /** The session's WeChat user; `null` for none (the gateway's `/wx/auth` routes). */
  user?: string | null
  /** The client's address as the gateway saw it; `10.0.0.1` by default. */
  ip?: string
}

/** The headers the gateway adds to `request` when it forwards it, signed by `sign`. */
export function gatewayHeaders (
  sign: GatewaySignature, { method, url, user, ip = '10.0.0.1' }: Omit<GatewayRequest, 'headers' | 'payload'>
): Record<string, string> {
  return sign({ method, url, requestId: randomUUID(), clientIp: ip, wxUserId: user ?? undefined })
}

/**
 * `app.inject` for a service's tests: every request arrives as the gateway
 * forwards it, its user (`defaultUser` unless it names another, or `null`) and
 * client IP asserted in headers signed by `sign`, so the service trusts them.
 */
export function gatewayInject (
  app: Pick<FastifyInstance, 'inject'>, sign: GatewaySignature, defaultUser: string
): (request: GatewayRequest) => Promise<LightMyRequestResponse> {
  return async ({ method, url, headers = {}, payload, user = defaultUser, ip }) => await app.inject({
    method,
    url,
    payload,
    headers: { ...headers, ...gatewayHeaders(sign, { method, url, user, ip }) }
  })
}
