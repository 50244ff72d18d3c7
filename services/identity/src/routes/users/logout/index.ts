import type { AppPlugin } from '@driver/kit'
import { UserUnauthorizedError } from '../../../errors.js'
import { DoneSchema } from '../../../schemas/accounts.js'
import { withExamples } from '@driver/kit'

/**
 * `POST /users/logout` (beyond seed 004, which has none): ends the token it is called with,
 * and only that one; the user's other sessions go on.
 */
export const logoutRoutes: AppPlugin = async (app) => {
  app.post('', {
    schema: {
      summary: 'End the token this request carries',
      description: 'The token answers 401 from now on, as any bad token does; other tokens of the same user ' +
        'keep working (a password change ends them all). A token already ended or never valid answers 401.',
      response: { 200: withExamples(DoneSchema, { result: 1 }) }
    },
    preValidation: app.requireUser
  }, async (request) => {
    const claims = request.callerToken
    if (!claims) throw new UserUnauthorizedError()
    await app.endedTokens.end(claims.nonce, claims.expiresAt)
    request.log.info({ userId: claims.userId }, 'user logged out')
    return { result: 1 as const }
  })
}
