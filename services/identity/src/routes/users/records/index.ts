import type { AppPlugin } from '@driver/kit'
import { consignorRoutes } from './consignor-routes.js'
import { driverRoutes } from './driver-routes.js'
import { userRoutes } from './user-routes.js'

export interface RecordsRoutesOptions {
  /** Where `reg_time` and `login_time` are shown (TIME_ZONE). */
  timeZone: string
}

/**
 * The signed-in part of `/users` (seed 004 §4–6, §8–13): a user's own record,
 * the list of those a partner manages, consignors and drivers. Every route
 * needs the caller's token (plugins/app/user-auth.ts); ids in paths are
 * integers, so `/users/check` and the other fixed paths stay their own routes.
 */
export const recordsRoutes: AppPlugin<RecordsRoutesOptions> = async (app, { timeZone }) => {
  app.addHook('preValidation', app.requireUser)
  await app.register(userRoutes, { timeZone })
  await app.register(consignorRoutes)
  await app.register(driverRoutes)
}
