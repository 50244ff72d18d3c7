import type { AppPlugin } from '@driver/kit'
import { verifyCode } from '../../../messages/sms-verify-request.js'
import { DoneSchema, RegisterSchema } from '../../../schemas/accounts.js'
import { withExamples } from '@driver/kit'
import { PHONE } from '../../../schemas/examples.js'

/**
 * `POST /users/register` (seed 004 §2): a new account, at MeFP and in the user
 * center. Nothing is stored unless MeFP agreed.
 */
export const registerRoutes: AppPlugin<{ clock: () => Date }> = async (app, { clock }) => {
  app.post('', {
    schema: {
      summary: 'Register a new account with MeFP and the user center',
      description: 'The code comes from `/users/captcha` with usage 1. A wrong code answers 400; a login name ' +
        'the user center has 409 IDENTITY_USER_EXISTS, one MeFP has 409 IDENTITY_ALREADY_IN_MEFP (activate ' +
        'instead), both before the code is used; MeFP out of reach 503. Nothing is stored then.',
      body: withExamples(RegisterSchema, {
        login_name: PHONE, password: 'Driver-2024', captcha: '483920', user_name: '张建国', city: '天津'
      }),
      response: { 200: withExamples(DoneSchema, { result: 1 }) }
    }
  }, async (request) => {
    const { captcha, password, ...profile } = request.body
    await app.registration.assertNewAccount(profile.login_name)
    await verifyCode(app, profile.login_name, 'register', captcha, request.id)
    await app.mefp.register(profile.login_name, password)
    const user = await app.registration.addUser(profile, '', clock())
    request.log.info({ userId: user._id, role: user.role }, 'user registered')
    return { result: 1 as const }
  })
}
