import type { AppPlugin } from '@driver/kit'
import type { FastifyRequest } from 'fastify'
import type { Static } from 'typebox'
import { NotInMefpError } from '../../../domain/account-errors.js'
import { CaptchaSchema, DoneSchema, ResetPasswordSchema } from '../../../schemas/accounts.js'
import { assertNewAccount } from './new-account-check.js'
import { sendCode, verifyCode } from './sms-codes.js'

/** `usage` of `/users/captcha` as the sms service's purposes. */
const PURPOSES = { 1: 'register', 2: 'reset_password' } as const

/** Seed 004 §15 (a code by SMS, GET or POST) and the password reset it serves. */
export const captchaRoutes: AppPlugin = async (app) => {
  const send = async (request: FastifyRequest, { login_name: phone, usage }: Static<typeof CaptchaSchema>) => {
    // A registration code for an account that exists would only cost an SMS.
    if (usage === 1) await assertNewAccount(app, phone)
    await sendCode(app, phone, PURPOSES[usage], request.id)
    return { result: 1 as const }
  }
  const description = 'usage 1 register (409 when the user center or MeFP has the login name), 2 reset the password. At least 60 s between codes and at most 10 a day per phone (429 with the reason); the SMS provider failing answers 502.'

  app.post('/captcha', {
    schema: { summary: 'Send a verification code', description, body: CaptchaSchema, response: { 200: DoneSchema } }
  }, async (request) => await send(request, request.body))

  app.get('/captcha', {
    schema: { summary: 'Send a verification code', description, querystring: CaptchaSchema, response: { 200: DoneSchema } },
    // A HEAD request would run this handler and send a code.
    exposeHeadRoute: false
  }, async (request) => await send(request, request.query))

  app.post('/password/reset', {
    schema: {
      summary: 'Set a new password with a code sent to the phone',
      description: 'The code comes from `/users/captcha` with usage 2; MeFP changes the password. MeFP is asked first whether it has the account (404 otherwise, 503 when out of reach), so the code is not spent then.',
      body: ResetPasswordSchema,
      response: { 200: DoneSchema }
    }
  }, async (request) => {
    const { login_name: phone, captcha, password } = request.body
    // MeFP is asked before the code is spent: while it is out of reach (503) or does not know the
    // account (404), the code stays good for a retry. It can still fail between the two calls.
    if (!(await app.mefp.check(phone)).exists) throw new NotInMefpError()
    await verifyCode(app, phone, 'reset_password', captcha, request.id)
    await app.mefp.changePassword(phone, password)
    request.log.info('password reset')
    return { result: 1 as const }
  })
}
