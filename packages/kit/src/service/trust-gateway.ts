import fp from 'fastify-plugin'
import { UnauthorizedError } from '../errors.js'
import { verifyAssertion } from '../gateway-assertion.js'
import { ASSERTION_HEADER, CLIENT_IP_HEADER, REQUEST_ID_HEADER, WX_USER_HEADER } from '../headers.js'

export interface TrustGatewayOptions {
  /** Shared with the gateway (GATEWAY_ASSERTION_SECRET). */
  secret: string
}

const single = (value: string | string[] | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined

/**
 * A service believes the user, client IP and request id in a request's headers
 * only when the gateway signed them: a request without a fresh, valid assertion
 * is refused (401) before any route runs, whoever reaches the service's port.
 */
export const trustGateway = fp<TrustGatewayOptions>(async (app, { secret }) => {
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.unasserted) return
    const wxUserId = single(request.headers[WX_USER_HEADER])
    const trusted = verifyAssertion(secret, single(request.headers[ASSERTION_HEADER]), {
      method: request.method,
      url: request.url,
      requestId: single(request.headers[REQUEST_ID_HEADER]) ?? '',
      clientIp: single(request.headers[CLIENT_IP_HEADER]) ?? '',
      wxUserId
    })
    if (!trusted) {
      // Not even the request line may name the user or address a forger claims.
      delete request.headers[WX_USER_HEADER]
      delete request.headers[CLIENT_IP_HEADER]
      request.log.warn('request without a valid gateway assertion refused')
      throw new UnauthorizedError()
    }
    if (wxUserId !== undefined) request.callerId = wxUserId
  })
}, { name: 'trust-gateway' })
