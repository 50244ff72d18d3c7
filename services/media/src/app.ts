import type { AppPlugin } from '@driver/kit'
import { defineService, type ServiceOptions } from '@driver/kit/service'
import type { MediaConfig } from './config.js'
import { wxRoutes } from './routes/wx/index.js'

export type MediaAppOptions = ServiceOptions<MediaConfig>

/** The media service, in order: outside systems (WeChat), data and rules, routes, messages. */
const mediaApp: AppPlugin<MediaAppOptions> = async (app) => {
  await app.register(wxRoutes, { prefix: '/wx' })
}

export const mediaService = defineService<MediaAppOptions>('media', 'Photos downloaded from WeChat or uploaded, served back, and the JS-SDK configuration.', mediaApp)
