import fp from 'fastify-plugin'
import { createApp, type App } from '@driver/kit'
import type { MediaConfig } from './config.js'

export interface MediaAppOptions {
  config: MediaConfig
}

/** The media service as a plugin: external plugins, then app plugins, then routes. */
export const mediaApp = fp<MediaAppOptions>(async () => {}, { name: 'media-app' })

export async function buildMediaService (options: MediaAppOptions): Promise<App> {
  const app = createApp({ service: 'media', logLevel: options.config.LOG_LEVEL })
  await app.register(mediaApp, options)
  return app
}
