import { wxEnvelope, type AppPlugin } from '@driver/kit'
import { authRoutes } from './auth/index.js'
import { portalRoutes } from './portal/index.js'
import { resumeRoutes } from './resume/index.js'
import { salesRoutes } from './sales/index.js'
import { selfInfoRoutes } from './self_info/index.js'

/** Everything under `/wx` answers in the seed's `{"message": ...}` envelope. */
export const wxRoutes: AppPlugin<{ timeZone: string }> = async (app, { timeZone }) => {
  await app.register(wxEnvelope)
  await app.register(authRoutes, { prefix: '/auth' })
  await app.register(selfInfoRoutes, { prefix: '/self_info', timeZone })
  await app.register(resumeRoutes, { prefix: '/resume' })
  await app.register(salesRoutes, { prefix: '/sales' })
  await app.register(portalRoutes, { prefix: '/portal' })
}
