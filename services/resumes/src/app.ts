import fp from 'fastify-plugin'
import { createApp, registerDependencies, type App, type DependencyOptions } from '@driver/kit'
import type { ResumesConfig } from './config.js'
import { phoneVerifiedHandler } from './events/phone-verified-handler.js'

export interface ResumesAppOptions extends Omit<DependencyOptions, 'service' | 'config'> {
  config: ResumesConfig
}

/** The resumes service as a plugin: its app plugins, then its routes and message handlers. */
export const resumesApp = fp<ResumesAppOptions>(async (app) => {
  await app.register(phoneVerifiedHandler)
}, { name: 'resumes-app', dependencies: ['store', 'bus'] })

export async function buildResumesService (options: ResumesAppOptions): Promise<App> {
  const app = createApp({ service: 'resumes', logLevel: options.config.LOG_LEVEL, forms: true })
  await registerDependencies(app, { ...options, service: 'resumes' })
  await app.register(resumesApp, options)
  return app
}
