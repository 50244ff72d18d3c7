import fp from 'fastify-plugin'
import { createApp, registerDependencies, type App, type DependencyOptions } from '@driver/kit'
import type { IdentityConfig } from './config.js'

export interface IdentityAppOptions extends Omit<DependencyOptions, 'service' | 'config'> {
  config: IdentityConfig
}

/** The identity service as a plugin: its app plugins, then its routes. */
export const identityApp = fp<IdentityAppOptions>(async () => {}, { name: 'identity-app', dependencies: ['store', 'bus'] })

export async function buildIdentityService (options: IdentityAppOptions): Promise<App> {
  const app = createApp({ service: 'identity', logLevel: options.config.LOG_LEVEL, forms: true })
  await registerDependencies(app, { ...options, service: 'identity' })
  await app.register(identityApp, options)
  return app
}
