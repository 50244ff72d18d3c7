import type { AppPlugin } from '@driver/kit'
import { defineService, type ServiceOptions } from '@driver/kit/service'
import type { IdentityConfig } from './config.js'
import { consignorRepository } from './plugins/app/consignor-repository.js'
import { driverRepository } from './plugins/app/driver-repository.js'
import { endedTokenRepository } from './plugins/app/ended-token-repository.js'
import { loginLimitsRepository } from './plugins/app/login-limits-repository.js'
import { recordAccess } from './plugins/app/record-access.js'
import { registration } from './plugins/app/registration.js'
import { userAuth } from './plugins/app/user-auth.js'
import { userRepository } from './plugins/app/user-repository.js'
import { tokenDocs, USER_TOKEN_SCHEMES } from './plugins/app/token-docs.js'
import { userTokens } from './plugins/app/user-tokens.js'
import { mefp, type MefpClient } from './plugins/external/mefp.js'
import { usersRoutes } from './routes/users/index.js'

export interface IdentityAppOptions extends ServiceOptions<IdentityConfig> {
  /** Tests hand in a MeFP client; otherwise MEFP_* configure one. */
  mefpClient?: MefpClient
  /** Tests move time through login windows and token lifetimes. */
  clock?: () => Date
}

/**
 * The identity service, in order: outside systems (MeFP), data and rules,
 * routes. It answers no message; it asks the sms service (`sms.send`,
 * `sms.verify`, messages/).
 */
const identityApp: AppPlugin<IdentityAppOptions> = async (app, options) => {
  const { config, mefpClient, clock = () => new Date() } = options
  await app.register(mefp, { config, client: mefpClient })

  await app.register(userRepository)
  await app.register(consignorRepository)
  await app.register(driverRepository)
  await app.register(loginLimitsRepository)
  await app.register(endedTokenRepository)
  await app.register(userTokens, config)
  await app.register(userAuth, { clock })
  await app.register(tokenDocs)
  await app.register(registration, { admins: config.IDENTITY_ADMINS })
  await app.register(recordAccess)

  await app.register(usersRoutes, { prefix: '/users', config, clock })
}

export const identityService = defineService<IdentityAppOptions>(
  'identity', 'The user center of seed 004 (/users/*), federated with MeFP.', identityApp, USER_TOKEN_SCHEMES
)
