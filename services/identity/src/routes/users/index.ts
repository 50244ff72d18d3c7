import type { AppPlugin } from '@driver/kit'
import { accountRoutes, type AccountRoutesOptions } from './accounts/index.js'
import { recordsRoutes } from './records/index.js'

export type UsersRoutesOptions = AccountRoutesOptions

/**
 * `/users/*` of seed 004. The app's default envelope is already the seed's
 * `{"result": ...}`, with real HTTP statuses.
 */
export const usersRoutes: AppPlugin<UsersRoutesOptions> = async (app, options) => {
  // Not `options` itself: it carries the prefix this plugin was registered with.
  await app.register(accountRoutes, { config: options.config, clock: options.clock })
  await app.register(recordsRoutes, { timeZone: options.config.TIME_ZONE })
}
