import fp from 'fastify-plugin'
import fastifyRateLimit from '@fastify/rate-limit'
import { RateLimitedError } from '@driver/kit'

export interface RateLimitOptions {
  max: number
  windowMs: number
}

const READINESS_PATH = '/readyz'

/**
 * Per client IP (as derived with TRUST_PROXY; an IPv6 client by its /64, the
 * plugin's default). `/healthz` is not counted: it costs nothing and
 * orchestrators poll it. `/readyz` asks every service, so it has a count of
 * its own per IP, kept apart from the routes' count.
 */
export const rateLimit = fp<RateLimitOptions>(async (app, { max, windowMs }) => {
  const limits = { max, timeWindow: windowMs, errorResponseBuilder: () => new RateLimitedError() }
  // Counts every route declared after it; the health routes come before, from the kit's app.
  await app.register(fastifyRateLimit, limits)

  const limitReadiness = app.rateLimit(limits)
  app.addHook('onRequest', (request, reply, done) => {
    // The URL first: the route's options are a new object at each reading.
    if (!request.url.startsWith(READINESS_PATH) || request.routeOptions.url !== READINESS_PATH) {
      done()
      return
    }
    limitReadiness.call(app, request, reply).then(() => done(), done)
  })
}, { name: 'rate-limit' })
