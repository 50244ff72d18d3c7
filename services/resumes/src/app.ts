import type { AppPlugin } from '@driver/kit'
import { defineService, type ServiceOptions } from '@driver/kit/service'
import type { ResumesConfig } from './config.js'
import { phoneVerifiedHandler } from './messages/phone-verified-handler.js'
import { wxRoutes } from './routes/wx/index.js'

export type ResumesAppOptions = ServiceOptions<ResumesConfig>

/** The resumes service, in order: outside systems (WeChat), data and rules, routes, messages. */
const resumesApp: AppPlugin<ResumesAppOptions> = async (app) => {
  await app.register(wxRoutes, { prefix: '/wx' })
  await app.register(phoneVerifiedHandler)
}

export const resumesService = defineService<ResumesAppOptions>('resumes', 'WeChat users, their sessions and resumes (/wx/resume/*, /wx/self_info/*, /wx/auth/*).', resumesApp)
