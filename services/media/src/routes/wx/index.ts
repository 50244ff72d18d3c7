import { wxEnvelope, type AppPlugin } from '@driver/kit'
import { autoDownloadRoutes } from './auto_download/index.js'
import { imageRoutes } from './images/index.js'
import { jsSdkRoutes } from './jssdk/index.js'
import { resumeImageRoutes, type ResumeImageRoutesOptions } from './resume_image/index.js'

export type WxRoutesOptions = ResumeImageRoutesOptions

/** Everything under `/wx` answers in the seed's `{"message": ...}` envelope. */
export const wxRoutes: AppPlugin<WxRoutesOptions> = async (app, options) => {
  await app.register(wxEnvelope)
  await app.register(autoDownloadRoutes, { prefix: '/auto_download' })
  await app.register(resumeImageRoutes, { ...options, prefix: '/resume_image' })
  await app.register(imageRoutes, { prefix: '/images' })
  await app.register(jsSdkRoutes, { prefix: '/jssdk' })
}
