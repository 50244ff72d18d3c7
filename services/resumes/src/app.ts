import fp from 'fastify-plugin'
import { createApp, type App } from '@driver/kit'
import type { ResumesConfig } from './config.js'

export interface ResumesAppOptions {
  config: ResumesConfig
}

/** The resumes service as a plugin: external plugins, then app plugins, then routes. */
export const resumesApp = fp<ResumesAppOptions>(async () => {}, { name: 'resumes-app' })

export async function buildResumesService (options: ResumesAppOptions): Promise<App> {
  const app = createApp({ service: 'resumes', logLevel: options.config.LOG_LEVEL })
  await app.register(resumesApp, options)
  return app
}
