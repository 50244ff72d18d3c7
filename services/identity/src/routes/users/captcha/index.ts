import { clientIp, withExamples, withPropertyExamples, type AppPlugin } from '@driver/kit'
import type { FastifyRequest } from 'fastify'
import type { Static } from 'typebox'
import { sendCode } from '../../../messages/sms-send-request.js'
import { CaptchaSchema, DoneSchema } from '../../../schemas/accounts.js'
import { PHONE } from '../../../schemas/examples.js'

/** `usage` of `/users/captcha` as the sms service's purposes. */
const PURPOSES = { 1: 'register', 2: 'reset_password' } as const

const captcha = { login_name: PHONE, usage: 1 as const }
const response = { 200: withExamples(DoneSchema, { result: 1 }) }
const summary = 'Send a verification code'
const description = 'usage 1 register (409 when the user center or MeFP has the login name), 2 reset the ' +
  'password. At least 60 s between codes and at most 10 a day per phone, sends per client IP per hour and ' +
  "the platform's SMS budget are limited (429 with the reason); the SMS provider failing answers 502."

/** `GET` or `POST /users/captcha` (seed 004 §15): a code by SMS, for register or the password reset. */
export const captchaRoutes: AppPlugin = async (app) => {
  const send = async (request: FastifyRequest, { login_name: phone, usage }: Static<typeof CaptchaSchema>) => {
    // A registration code for an account that exists would only cost an SMS.
    if (usage === 1) await app.registration.assertNewAccount(phone)
    await sendCode(app, phone, PURPOSES[usage], { requestId: request.id, clientIp: clientIp(request) })
    return { result: 1 as const }
  }

  app.post('', {
    schema: { summary, description, body: withExamples(CaptchaSchema, captcha), response }
  }, async (request) => await send(request, request.body))

  app.get('', {
    schema: { summary, description, querystring: withPropertyExamples(CaptchaSchema, captcha), response },
    // A HEAD request would run this handler and send a code.
    exposeHeadRoute: false
  }, async (request) => await send(request, request.query))
}
