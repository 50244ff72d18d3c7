import type { AppPlugin } from '@driver/kit'
import { endTokensAt } from '../../../domain/user-token.js'
import { NotInMefpError } from '../../../errors.js'
import { verifyCode } from '../../../messages/sms-verify-request.js'
import { DoneSchema, ResetPasswordSchema } from '../../../schemas/accounts.js'
import { withExamples } from '@driver/kit'
import { PHONE } from '../../../schemas/examples.js'

export interface PasswordRoutesOptions {
  clock: () => Date
}

/** `POST /users/password/reset`: a new password, proven by a code sent to the phone. */
export const passwordRoutes: AppPlugin<PasswordRoutesOptions> = async (app, { clock }) => {
  app.post('/reset', {
    schema: {
      summary: 'Set a new password with a code sent to the phone',
      description: 'The code comes from `/users/captcha` with usage 2; MeFP changes the password. MeFP is ' +
        'asked first whether it has the account (404 otherwise, 503 when out of reach), so the code is not ' +
        'spent then. Every token the user was issued before ends (401).',
      body: withExamples(ResetPasswordSchema, { login_name: PHONE, captcha: '483920', password: 'Driver-2025' }),
      response: { 200: withExamples(DoneSchema, { result: 1 }) }
    }
  }, async (request) => {
    const { login_name: phone, captcha, password } = request.body
    // MeFP is asked before the code is spent: while it is out of reach (503) or does not know the
    // account (404), the code stays good for a retry. It can still fail between the two calls.
    if (!(await app.mefp.check(phone)).exists) throw new NotInMefpError()
    await verifyCode(app, phone, 'reset_password', captcha, request.id)
    await app.mefp.changePassword(phone, password)
    // Whoever knew the old password may hold a token: every token issued so far ends.
    const user = await app.users.findByLoginName(phone)
    if (user) await app.users.update(user._id, { tokens_valid_after: endTokensAt(user.tokens_valid_after, clock()) })
    request.log.info('password reset')
    return { result: 1 as const }
  })
}
