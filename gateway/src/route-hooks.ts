import type { onRequestHookHandler, RouteOptions } from 'fastify'

/**
 * Adds `hook` to a route's own onRequest hooks, ahead of those already there
 * (the rate limit's): a check the route table asks for runs only on the routes
 * that ask for it, and, like an app-wide hook, before the rate limit counts.
 */
export function checkFirst (route: RouteOptions, hook: onRequestHookHandler): void {
  const present = route.onRequest === undefined ? [] : [route.onRequest].flat()
  route.onRequest = [hook, ...present]
}
