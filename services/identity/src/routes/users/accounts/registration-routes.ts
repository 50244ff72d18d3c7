import { listOf, type AppPlugin } from '@driver/kit'
import type { IdentityConfig } from '../../../config.js'
import { NotInMefpError, UserExistsError } from '../../../domain/account-errors.js'
import { assertNewAccount } from './new-account-check.js'
import { newAccountOf } from '../../../domain/new-account.js'
import { parseRegistrationTime } from '../../../domain/registration-time.js'
import { ActivateSchema, CheckAnswerSchema, CheckQuerySchema, DoneSchema, RegisterSchema } from '../../../schemas/accounts.js'
import { verifyCode } from './sms-codes.js'

export interface RegistrationRoutesOptions {
  config: Pick<IdentityConfig, 'TIME_ZONE' | 'IDENTITY_ADMINS'>
  clock: () => Date
}

/**
 * Seed 004 §2, §3, §14: a new account (MeFP and the user center), an account
 * MeFP has and the user center not yet, and whether MeFP knows a login name.
 * Nothing is stored unless MeFP agreed; one login name makes one user, even
 * when two requests race (the repository's unique index).
 */
export const registrationRoutes: AppPlugin<RegistrationRoutesOptions> = async (app, { config, clock }) => {
  const admins = new Set(listOf(config.IDENTITY_ADMINS))

  app.post('/register', {
    schema: {
      summary: 'Register a new account with MeFP and the user center',
      description: 'The code comes from `/users/captcha` with usage 1. A wrong code answers 400; a login name the user center has 409 IDENTITY_USER_EXISTS, one MeFP has 409 IDENTITY_ALREADY_IN_MEFP (activate instead), both before the code is used; MeFP out of reach 503. Nothing is stored then.',
      body: RegisterSchema,
      response: { 200: DoneSchema }
    }
  }, async (request) => {
    const { captcha, password, ...profile } = request.body
    await assertNewAccount(app, profile.login_name)
    await verifyCode(app, profile.login_name, 'register', captcha, request.id)
    await app.mefp.register(profile.login_name, password)
    const user = await app.users.insert(newAccountOf(profile, admins, '', clock()))
    if (!user) throw new UserExistsError()
    request.log.info({ userId: user._id, role: user.role }, 'user registered')
    return { result: 1 as const }
  })

  app.post('/activate', {
    schema: {
      summary: 'Add an account MeFP already has to the user center',
      description: 'MeFP must know the login name (404 otherwise); its reg_app and reg_time are kept. A login name the user center has answers 409.',
      body: ActivateSchema,
      response: { 200: DoneSchema }
    }
  }, async (request) => {
    const profile = request.body
    if (await app.users.findByLoginName(profile.login_name)) throw new UserExistsError()
    const found = await app.mefp.check(profile.login_name)
    if (!found.exists) throw new NotInMefpError()
    const regTime = parseRegistrationTime(found.reg_time, config.TIME_ZONE) ?? clock()
    const user = await app.users.insert(newAccountOf(profile, admins, found.reg_app, regTime))
    if (!user) throw new UserExistsError()
    request.log.info({ userId: user._id, role: user.role }, 'user activated')
    return { result: 1 as const }
  })

  app.get('/check', {
    schema: {
      summary: 'Whether MeFP knows a login name',
      description: 'reg_app and reg_time are "" when it does not.',
      querystring: CheckQuerySchema,
      response: { 200: CheckAnswerSchema }
    }
  }, async (request) => {
    const found = await app.mefp.check(request.query.login_name)
    return { result: 1 as const, data: found.exists ? { reg_app: found.reg_app, reg_time: found.reg_time } : { reg_app: '', reg_time: '' } }
  })
}
