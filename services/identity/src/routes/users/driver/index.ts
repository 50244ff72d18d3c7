import type { AppPlugin } from '@driver/kit'
import { driverChangeRoute } from '../drivers/index.js'
import { requireUserInScope } from '../../../plugins/app/token-docs.js'

/**
 * `PUT /users/driver/:id`: seed 004's table names the change of a driver record
 * so, its section `/users/drivers/:id`; both answer, the same route.
 */
export const driverRoutes: AppPlugin = async (app) => {
  requireUserInScope(app)
  await app.register(driverChangeRoute)
}
