import type { AppPlugin } from '@driver/kit'
import { defineService, type ServiceOptions } from '@driver/kit/service'
import type { IdentityConfig } from './config.js'
import { usersRoutes } from './routes/users/index.js'

export type IdentityAppOptions = ServiceOptions<IdentityConfig>

/** The identity service, in order: outside systems (MeFP), data and rules, routes, messages. */
const identityApp: AppPlugin<IdentityAppOptions> = async (app) => {
  await app.register(usersRoutes, { prefix: '/users' })
}

export const identityService = defineService<IdentityAppOptions>('identity', 'The user center of seed 004 (/users/*), federated with MeFP.', identityApp)
