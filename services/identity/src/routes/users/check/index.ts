import type { AppPlugin } from '@driver/kit'
import { CheckAnswerSchema, CheckQuerySchema } from '../../../schemas/accounts.js'
import { withExamples, withPropertyExamples } from '@driver/kit'
import { PHONE, checkAnswerExample } from '../../../schemas/examples.js'

/** `GET /users/check` (seed 004 §14): whether MeFP knows a login name. */
export const checkRoutes: AppPlugin = async (app) => {
  app.get('', {
    schema: {
      summary: 'Whether MeFP knows a login name',
      description: 'reg_app and reg_time are "" when it does not.',
      querystring: withPropertyExamples(CheckQuerySchema, { login_name: PHONE }),
      response: { 200: withExamples(CheckAnswerSchema, checkAnswerExample) }
    }
  }, async (request) => {
    const found = await app.mefp.check(request.query.login_name)
    const data = found.exists ? { reg_app: found.reg_app, reg_time: found.reg_time } : { reg_app: '', reg_time: '' }
    return { result: 1 as const, data }
  })
}
