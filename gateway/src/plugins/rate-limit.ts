import fp from 'fastify-plugin'
import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyRequest } from 'fastify'
import { RateLimitedError } from '@driver/kit'

export interface RateLimitOptions {
  max: number
  windowMs: number
}

const READINESS_PATH = '/readyz'

/**
 * Per client IP (as derived with TRUST_PROXY). `/healthz` is not counted: it
 * costs nothing and orchestrators poll it. `/readyz` asks every service, so it
 * has a count of its own per IP, kept apart from the routes' count.
 */
export const rateLimit = fp<RateLimitOptions>(async (app, { max, windowMs }) => {
  const limits = { max, timeWindow: windowMs, keyGenerator: (request: FastifyRequest) => request.ip, errorResponseBuilder: () => new RateLimitedError() }
  await app.register(fastifyRateLimit, { ...limits, allowList: (request) => request.url === '/healthz' })

  // The health routes are declared before this plugin, out of reach of its per-route hooks.
  const limitReadiness = app.rateLimit(limits)
  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.url !== READINESS_PATH) {
      done()
      return
    }
    limitReadiness.call(app, request, reply).then(() => done(), done)
  })
}, { name: 'rate-limit' })
