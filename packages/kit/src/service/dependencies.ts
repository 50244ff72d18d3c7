import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { busMetrics, connectBus, type Bus, type InProcessBroker } from '@driver/bus'
import { openStore, type Store } from '@driver/store'
import type { CommonConfig } from '../config.js'

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

export interface DependencyOptions {
  /** Handed in by tests or by the all-in-one launcher; opened from config otherwise. */
  store?: Store
  bus?: Bus
  /** The process's shared in-process broker (all-in-one mode without AMQP_URL). */
  broker?: InProcessBroker
}

/** Opens (or takes) the service's store and bus and registers them on the app. */
export async function registerDependencies (
  app: FastifyInstance,
  service: string,
  config: Pick<CommonConfig, 'DATA_DIR' | 'MONGO_URL' | 'AMQP_URL'>,
  options: DependencyOptions
): Promise<void> {
  const store = options.store ??
    await openStore({ service, dataDir: config.DATA_DIR, mongoUrl: config.MONGO_URL, logger: app.log })
  await app.register(storePlugin, { store })
  const bus = options.bus ??
    await connectBus({
      service, amqpUrl: config.AMQP_URL, broker: options.broker, logger: app.log, metrics: busMetrics(app.metrics)
    })
  await app.register(busPlugin, { bus })
}
