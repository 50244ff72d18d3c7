import { randomBytes } from 'node:crypto'
import { clientIp } from '../client-ip.js'
import type { CommonConfig } from '../config.js'
import { createApp, type App, type AppPlugin } from '../create-app.js'
import { metricsRoute } from '../metrics/metrics-route.js'
import { serve } from '../serve.js'
import { startTracing } from '../tracing.js'
import { apiDocs, type SecurityScheme } from './api-docs.js'
import { registerDependencies, type DependencyOptions } from './dependencies.js'
import { processedMessages } from './idempotent.js'
import { outboxPlugin, type OutboxOptions } from './outbox.js'
import { trustGateway } from './trust-gateway.js'

/** What every service is started with; a service adds its own options. */
export interface ServiceOptions<C extends CommonConfig = CommonConfig> extends DependencyOptions {
  config: C
  outbox?: OutboxOptions
  /** Where log lines go; standard output unless given (tests read them from here). */
  logStream?: { write: (line: string) => void }
}

/**
 * Without a shared secret (a service started alone in development; production
 * requires one in its config) nothing but health answers.
 */
function gatewaySecretOf (config: CommonConfig, app: App): string {
  if (config.GATEWAY_ASSERTION_SECRET) return config.GATEWAY_ASSERTION_SECRET
  app.log.warn('GATEWAY_ASSERTION_SECRET is not set: requests from the gateway cannot be verified and are refused')
  return randomBytes(32).toString('hex')
}

export interface ServiceDefinition<O extends ServiceOptions> {
  /** Names the service in logs, its database and its queues. */
  name: string
  /** One sentence for its OpenAPI document. */
  description: string
  /** The service's `app.ts`: its plugins, routes and messages, in that order. */
  app: AppPlugin<O>
  /** The credentials its routes check themselves (the gateway checks the `/wx` session). */
  securitySchemes?: Record<string, SecurityScheme>
}

/** A service's definition, the one line at the end of its `app.ts`. */
export function defineService<O extends ServiceOptions> (
  name: string, description: string, app: AppPlugin<O>, securitySchemes?: Record<string, SecurityScheme>
): ServiceDefinition<O> {
  return securitySchemes ? { name, description, app, securitySchemes } : { name, description, app }
}

/**
 * Every service starts the same way: the kit's app, its OpenAPI document, its
 * store and bus, the outbox and message markers, then the service's own plugin.
 */
export async function buildService<O extends ServiceOptions> (service: ServiceDefinition<O>, options: O): Promise<App> {
  const { config } = options
  const app = createApp({
    service: service.name, logLevel: config.LOG_LEVEL, forms: true, logStream: options.logStream, clientIpOf: clientIp
  })
  try {
    await app.register(metricsRoute, { service: service.name })
    await app.register(trustGateway, { secret: gatewaySecretOf(config, app) })
    const { name, description, securitySchemes } = service
    await app.register(apiDocs, { service: name, description, ...(securitySchemes ? { securitySchemes } : {}) })
    await registerDependencies(app, service.name, config, options)
    await app.register(outboxPlugin, options.outbox ?? {})
    await app.register(processedMessages)
    await app.register(service.app, options)
    await app.ready()
  } catch (error) {
    await app.close()
    throw error
  }
  return app
}

/**
 * The stand-alone process of a service (`node services/<name>/dist/server.js`); tracing,
 * when OTEL_EXPORTER_OTLP_ENDPOINT is set, starts before the app is built.
 */
export async function runService<O extends ServiceOptions> (service: ServiceDefinition<O>, options: O): Promise<void> {
  const { HOST, PORT, SHUTDOWN_GRACE_MS } = options.config
  const tracing = startTracing({ service: service.name, config: options.config })
  let app: App
  try {
    app = await buildService(service, options)
  } catch (error) {
    await tracing?.shutdown()
    throw error
  }
  await serve(app, { host: HOST, port: PORT, graceMs: SHUTDOWN_GRACE_MS, tracing })
}
