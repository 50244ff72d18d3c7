import { clientIp, type AppPlugin } from '@driver/kit'
import { LoginRefusedError, NotActivatedError } from '../../../domain/account-errors.js'
import { loginAnswerOf, type LoginRecord } from '../../../domain/login-answer.js'
import { UserDisabledError } from '../../../domain/record-errors.js'
import { MefpRefusedError } from '../../../mefp/mefp-errors.js'
import { LoginAnswerSchema, LoginSchema } from '../../../schemas/accounts.js'
import { tokenOf, type TokenConfig } from './issue-token.js'

export interface LoginRouteOptions {
  config: TokenConfig
  clock: () => Date
}

/** `consignors` and `drivers` hold at most one record per user (`user_id`); the login answer shows a few fields of each. */
type UserRecord = LoginRecord & { user_id: number }

/** `POST /users/login` (seed 004 §1): MeFP checks the password, the user center answers the user and a token. */
export const loginRoute: AppPlugin<LoginRouteOptions> = async (app, { config, clock }) => {
  const consignors = app.store.collection<UserRecord>('consignors')
  const drivers = app.store.collection<UserRecord>('drivers')

  app.post('/login', {
    schema: {
      summary: 'Log in with MeFP',
      description: 'Answers the previous login (time, IP, count) and records this one. Failed logins are limited per login name (5) and per client IP (20) in 15-minute windows (429). A login MeFP accepts for a user the user center does not have answers 404 IDENTITY_NOT_ACTIVATED: activate first.',
      body: LoginSchema,
      response: { 200: LoginAnswerSchema }
    }
  }, async (request) => {
    const { login_name: loginName, password } = request.body
    const now = clock()
    const ip = clientIp(request)
    const reservation = await app.loginLimits.reserve(loginName, ip, now)
    try {
      await app.mefp.login(loginName, password)
    } catch (error) {
      // Only a refusal is a failed login; MeFP out of reach (503) gives the places back.
      if (error instanceof MefpRefusedError) throw new LoginRefusedError(error.message)
      await reservation.release()
      throw error
    }
    await reservation.release()

    const user = await app.users.findByLoginName(loginName)
    if (!user) throw new NotActivatedError()
    if (user.status !== 1) throw new UserDisabledError()
    const token = tokenOf(user, config, now)
    const before = await app.users.recordLogin(user._id, now, ip)
    if (!before) throw new NotActivatedError()
    const [consignor, driver] = await Promise.all([consignors.findOne({ user_id: user._id }), drivers.findOne({ user_id: user._id })])
    request.log.info({ userId: user._id }, 'user logged in')
    return loginAnswerOf(before, token, consignor, driver, config.TIME_ZONE)
  })
}
