import { wxEnvelope, type AppPlugin } from '@driver/kit'
import { smsRoutes, type SmsRoutesOptions } from './sms/index.js'

/** Everything under `/wx` answers in the seed's `{"message": ...}` envelope. */
export const wxRoutes: AppPlugin<SmsRoutesOptions> = async (app, options) => {
  await app.register(wxEnvelope)
  await app.register(smsRoutes, { ...options, prefix: '/sms' })
}
