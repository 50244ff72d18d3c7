import type { AppPlugin } from '@driver/kit'
import { defineService, type ServiceOptions } from '@driver/kit/service'
import type { IdentityConfig } from './config.js'
import { consignorRepository } from './plugins/app/consignor-repository.js'
import { driverRepository } from './plugins/app/driver-repository.js'
import { userAuth } from './plugins/app/user-auth.js'
import { userRepository } from './plugins/app/user-repository.js'
import { mefp } from './plugins/external/mefp.js'
import { usersRoutes } from './routes/users/index.js'

export type IdentityAppOptions = ServiceOptions<IdentityConfig>

/** The identity service, in order: outside systems (MeFP), data and rules, routes, messages. */
const identityApp: AppPlugin<IdentityAppOptions> = async (app, { config }) => {
  await app.register(mefp, { config })
  await app.register(userRepository)
  await app.register(consignorRepository)
  await app.register(driverRepository)
  await app.register(userAuth, config)
  await app.register(usersRoutes, { prefix: '/users', config })
}

export const identityService = defineService<IdentityAppOptions>('identity', 'The user center of seed 004 (/users/*), federated with MeFP.', identityApp)
