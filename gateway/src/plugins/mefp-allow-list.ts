import fp from 'fastify-plugin'
import { ForbiddenError, addressMatcher } from '@driver/kit'

export interface MefpAllowListOptions {
  allowed: string[]
}

/**
 * Routes marked `mefpOnly` answer 403 to anyone outside the list. `request.ip`
 * already honours TRUST_PROXY, so a forged X-Forwarded-For is not believed.
 * The route it judges is the one the service receives: paths that are not in
 * their normal form were refused before (`normal-paths`).
 */
export const mefpAllowList = fp<MefpAllowListOptions>(async (app, { allowed }) => {
  const isAllowed = addressMatcher(allowed)
  app.addHook('onRequest', async (request) => {
    if (!request.routeOptions.config.mefpOnly) return
    if (!isAllowed(request.ip)) {
      request.log.warn({ ip: request.ip }, 'refused a caller outside MEFP_ALLOWED_IPS')
      throw new ForbiddenError()
    }
  })
}, { name: 'mefp-allow-list', dependencies: ['normal-paths'] })
