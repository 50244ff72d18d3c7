import fp from 'fastify-plugin'
import type { onRequestHookHandler } from 'fastify'
import { ForbiddenError, addressMatcher } from '@driver/kit'
import type { RouteConfig } from '../route-table.js'
import { checkFirst } from '../route-hooks.js'

export interface IpAllowListsOptions {
  /** MEFP_ALLOWED_IPS: the only callers of the routes marked `mefpOnly`; empty lets nobody in. */
  mefp: string[]
  /** WECHAT_PUSH_ALLOWED_IPS: the only callers of the routes marked `wechatPushOnly`; empty lets anyone in. */
  wechatPush?: string[]
}

/**
 * Routes the table keeps to a list of callers answer 403 to anyone else.
 * `request.ip` already honours TRUST_PROXY, so a forged X-Forwarded-For is not
 * believed. The route it judges is the one the service receives: paths that
 * are not in their normal form were refused before (`normal-paths`).
 */
export const ipAllowLists = fp<IpAllowListsOptions>(async (app, { mefp, wechatPush = [] }) => {
  const lists: Array<{ flag: keyof RouteConfig, allowed: string[], variable: string, emptyIsOpen: boolean }> = [
    { flag: 'mefpOnly', allowed: mefp, variable: 'MEFP_ALLOWED_IPS', emptyIsOpen: false },
    // WeChat signs its pushes; the list is a second fence, for those who know WeChat's addresses.
    { flag: 'wechatPushOnly', allowed: wechatPush, variable: 'WECHAT_PUSH_ALLOWED_IPS', emptyIsOpen: true }
  ]
  const hooks = lists.flatMap(({ flag, allowed, variable, emptyIsOpen }) => {
    if (allowed.length === 0 && emptyIsOpen) return []
    const isAllowed = addressMatcher(allowed)
    const allowList: onRequestHookHandler = (request, _reply, done) => {
      if (isAllowed(request.ip)) {
        done()
        return
      }
      request.log.warn({ ip: request.ip }, `refused a caller outside ${variable}`)
      done(new ForbiddenError())
    }
    return [{ flag, allowList }]
  })
  app.addHook('onRoute', (route) => {
    for (const { flag, allowList } of hooks) if (route.config?.[flag]) checkFirst(route, allowList)
  })
}, { name: 'ip-allow-lists', dependencies: ['normal-paths'] })
