import type { FastifyRequest } from 'fastify'
import { CLIENT_IP_HEADER } from './headers.js'

/**
 * The client address as the gateway derived it. Services use this, never their
 * own `request.ip`, which is the gateway's address.
 */
export function clientIp (request: FastifyRequest): string {
  const forwarded = request.headers[CLIENT_IP_HEADER]
  return typeof forwarded === 'string' && forwarded.length > 0 ? forwarded : request.ip
}
