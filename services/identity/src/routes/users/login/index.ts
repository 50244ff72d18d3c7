import { clientIp, loginMetrics, withExamples, type AppPlugin } from '@driver/kit'
import { ENABLED } from '../../../domain/user.js'
import {
  LoginAddressLockedError, LoginNameLockedError, LoginRefusedError, MefpRefusedError, NotActivatedError,
  UserDisabledError
} from '../../../errors.js'
import { LoginAnswerSchema, LoginSchema, loginAnswerOf } from '../../../schemas/accounts.js'
import { PHONE, loginAnswerExample } from '../../../schemas/examples.js'

export interface LoginRoutesOptions {
  /** Where `reg_time` and `login_time` are shown (TIME_ZONE). */
  timeZone: string
  clock: () => Date
}

/** `POST /users/login` (seed 004 §1): MeFP checks the password, the user center answers the user and a token. */
export const loginRoutes: AppPlugin<LoginRoutesOptions> = async (app, { timeZone, clock }) => {
  const counted = loginMetrics(app.metrics)
  const reserve = async (loginName: string, ip: string, now: Date) => {
    try {
      return await app.loginLimits.reserve(loginName, ip, now)
    } catch (error) {
      if (error instanceof LoginNameLockedError || error instanceof LoginAddressLockedError) counted.lockedOut()
      throw error
    }
  }
  app.post('', {
    schema: {
      summary: 'Log in with MeFP',
      description: 'Answers the previous login (time, IP, count) and records this one. Failed logins are ' +
        'limited per login name (5) and per client IP (20) in 15-minute windows (429). A login MeFP accepts ' +
        'for a user the user center does not have answers 404 IDENTITY_NOT_ACTIVATED: activate first.',
      body: withExamples(LoginSchema, { login_name: PHONE, password: 'Driver-2024' }),
      response: { 200: withExamples(LoginAnswerSchema, loginAnswerExample) }
    }
  }, async (request) => {
    const { login_name: loginName, password } = request.body
    const now = clock()
    const ip = clientIp(request)
    const reservation = await reserve(loginName, ip, now)
    try {
      await app.mefp.login(loginName, password)
    } catch (error) {
      // Only a refusal is a failed login; MeFP out of reach (503) gives the places back.
      if (error instanceof MefpRefusedError) {
        counted.failed('password')
        throw new LoginRefusedError(error.message)
      }
      await reservation.release()
      throw error
    }
    await reservation.release()

    const user = await app.users.findByLoginName(loginName)
    if (!user) {
      counted.failed('not_activated')
      throw new NotActivatedError()
    }
    if (user.status !== ENABLED) {
      counted.failed('disabled')
      throw new UserDisabledError()
    }
    const token = app.userTokens.issue(user, now)
    const before = await app.users.recordLogin(user._id, now, ip)
    if (!before) throw new NotActivatedError()
    const [consignor, driver] = await Promise.all([
      app.consignors.findByUserId(user._id), app.drivers.findByUserId(user._id)
    ])
    request.log.info({ userId: user._id }, 'user logged in')
    return loginAnswerOf(before, token, consignor, driver, timeZone)
  })
}
