import { wxEnvelope, type AppPlugin } from '@driver/kit'
import { smsRoutes } from './sms/index.js'

/** Everything under `/wx` answers in the seed's `{"message": ...}` envelope. */
export const wxRoutes: AppPlugin = async (app) => {
  await app.register(wxEnvelope)
  await app.register(smsRoutes, { prefix: '/sms' })
}
