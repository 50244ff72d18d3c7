import fp from 'fastify-plugin'
import type { Bus } from '@driver/bus'
import type { Store } from '@driver/store'

declare module 'fastify' {
  interface FastifyInstance {
    store: Store
    bus: Bus
  }
}

/**
 * The two ports a service depends on, opened by the service (or handed in by a
 * test), checked by /readyz and closed with the app: the bus first, so no
 * handler is left writing to a closed store.
 */
export const storePlugin = fp<{ store: Store }>(async (app, { store }) => {
  app.decorate('store', store)
  app.readiness.add('store', () => store.ping())
  app.addHook('onClose', () => store.close())
}, { name: 'store', dependencies: ['health-routes'] })

export const busPlugin = fp<{ bus: Bus }>(async (app, { bus }) => {
  app.decorate('bus', bus)
  app.readiness.add('bus', () => bus.ping())
  app.addHook('onClose', () => bus.close())
}, { name: 'bus', dependencies: ['health-routes', 'store'] })
