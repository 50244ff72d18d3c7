import fp from 'fastify-plugin'
import fastifyRateLimit from '@fastify/rate-limit'
import { RateLimitedError } from '@driver/kit'

export interface RateLimitOptions {
  max: number
  windowMs: number
}

/** Per client IP (as derived with TRUST_PROXY); health probes are not counted. */
export const rateLimit = fp<RateLimitOptions>(async (app, { max, windowMs }) => {
  await app.register(fastifyRateLimit, {
    max,
    timeWindow: windowMs,
    keyGenerator: (request) => request.ip,
    allowList: (request) => request.url === '/healthz' || request.url === '/readyz',
    errorResponseBuilder: () => new RateLimitedError()
  })
}, { name: 'rate-limit' })
