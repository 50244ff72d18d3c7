import fp from 'fastify-plugin'
import { createApp, registerDependencies, type App, type DependencyOptions } from '@driver/kit'
import type { MediaConfig } from './config.js'

export interface MediaAppOptions extends Omit<DependencyOptions, 'service' | 'config'> {
  config: MediaConfig
}

/** The media service as a plugin: its app plugins, then its routes. */
export const mediaApp = fp<MediaAppOptions>(async () => {}, { name: 'media-app', dependencies: ['store', 'bus'] })

export async function buildMediaService (options: MediaAppOptions): Promise<App> {
  const app = createApp({ service: 'media', logLevel: options.config.LOG_LEVEL, forms: true })
  await registerDependencies(app, { ...options, service: 'media' })
  await app.register(mediaApp, options)
  return app
}
