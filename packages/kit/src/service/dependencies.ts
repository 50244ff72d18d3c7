import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Bus, InProcessBroker } from '@driver/bus'
import type { Store } from '@driver/store'
import type { CommonConfig } from '../config.js'
import { connectServiceBus, openServiceStore } from './dependency-start.js'

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
  /** Longest the start waits for RabbitMQ (AMQP_URL); 30 s unless given. MongoDB's wait is its URL's. */
  busConnectTimeoutMs?: number
}

/**
 * Opens (or takes) the service's store and bus and registers them on the app. MongoDB or
 * RabbitMQ out of reach, or a data folder in use, is a StartError naming the variable.
 */
export async function registerDependencies (
  app: FastifyInstance,
  service: string,
  config: Pick<CommonConfig, 'DATA_DIR' | 'MONGO_URL' | 'AMQP_URL'>,
  options: DependencyOptions
): Promise<void> {
  const { broker, busConnectTimeoutMs } = options
  const start = { log: app.log, service, config, broker, busConnectTimeoutMs }
  const store = options.store ?? await openServiceStore(start)
  await app.register(storePlugin, { store })
  const bus = options.bus ?? await connectServiceBus(start)
  await app.register(busPlugin, { bus })
}
