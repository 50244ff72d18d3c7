import type { AppPlugin } from '@driver/kit'
import { parseRegistrationTime } from '../../../domain/registration-time.js'
import { NotInMefpError, UserExistsError } from '../../../errors.js'
import { ActivateSchema, DoneSchema } from '../../../schemas/accounts.js'
import { withExamples } from '@driver/kit'
import { PHONE } from '../../../schemas/examples.js'

export interface ActivateRoutesOptions {
  /** The zone MeFP's `reg_time` is read in (TIME_ZONE). */
  timeZone: string
  clock: () => Date
}

/** `POST /users/activate` (seed 004 §3): an account MeFP has and the user center not yet. */
export const activateRoutes: AppPlugin<ActivateRoutesOptions> = async (app, { timeZone, clock }) => {
  app.post('', {
    schema: {
      summary: 'Add an account MeFP already has to the user center',
      description: 'MeFP must know the login name (404 otherwise); its reg_app and reg_time are kept. ' +
        'A login name the user center has answers 409.',
      body: withExamples(ActivateSchema, { login_name: PHONE, user_name: '张建国', city: '天津', sign: '安全驾驶，准时送达' }),
      response: { 200: withExamples(DoneSchema, { result: 1 }) }
    }
  }, async (request) => {
    const profile = request.body
    if (await app.users.findByLoginName(profile.login_name)) throw new UserExistsError()
    const found = await app.mefp.check(profile.login_name)
    if (!found.exists) throw new NotInMefpError()
    const regTime = parseRegistrationTime(found.reg_time, timeZone) ?? clock()
    const user = await app.registration.addUser(profile, found.reg_app, regTime)
    request.log.info({ userId: user._id, role: user.role }, 'user activated')
    return { result: 1 as const }
  })
}
