import fp from 'fastify-plugin'
import type { onRequestHookHandler } from 'fastify'
import { ForbiddenError, addressMatcher } from '@driver/kit'
import { checkFirst } from '../route-hooks.js'

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
  const allowList: onRequestHookHandler = (request, _reply, done) => {
    if (isAllowed(request.ip)) {
      done()
      return
    }
    request.log.warn({ ip: request.ip }, 'refused a caller outside MEFP_ALLOWED_IPS')
    done(new ForbiddenError())
  }
  app.addHook('onRoute', (route) => {
    if (route.config?.mefpOnly) checkFirst(route, allowList)
  })
}, { name: 'mefp-allow-list', dependencies: ['normal-paths'] })
