import type { AppPlugin } from '@driver/kit'
import type { IdentityConfig } from '../../../config.js'
import { loginLimitsRepository } from '../../../plugins/app/login-limits-repository.js'
import { captchaRoutes } from './captcha-routes.js'
import { loginRoute } from './login-route.js'
import { registrationRoutes } from './registration-routes.js'
import { tokenRoute } from './token-route.js'

export interface AccountRoutesOptions {
  config: Pick<IdentityConfig, 'TIME_ZONE' | 'MEFP_SECRET' | 'APP_SECRET' | 'TOKEN_SECRET' | 'MEFP_ALLOWED_IPS' | 'IDENTITY_ADMINS'>
  /** Tests move time through the login limits' windows. */
  clock?: () => Date
}

/**
 * The part of `/users` that needs no token (seed 004 §1–3, §7, §14, §15 and
 * the password reset): who someone is, proven by MeFP, an SMS code, or
 * MeFP's own address.
 */
export const accountRoutes: AppPlugin<AccountRoutesOptions> = async (app, { config, clock = () => new Date() }) => {
  await app.register(loginLimitsRepository)
  await app.register(loginRoute, { config, clock })
  await app.register(registrationRoutes, { config, clock })
  await app.register(captchaRoutes)
  await app.register(tokenRoute, { config, clock })
}
