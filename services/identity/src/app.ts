import fp from 'fastify-plugin'
import { createApp, type App } from '@driver/kit'
import type { IdentityConfig } from './config.js'

export interface IdentityAppOptions {
  config: IdentityConfig
}

/** The identity service as a plugin: external plugins, then app plugins, then routes. */
export const identityApp = fp<IdentityAppOptions>(async () => {}, { name: 'identity-app' })

export async function buildIdentityService (options: IdentityAppOptions): Promise<App> {
  const app = createApp({ service: 'identity', logLevel: options.config.LOG_LEVEL })
  await app.register(identityApp, options)
  return app
}
