import { addressMatcher, clientIp, listOf, withExamples, type AppPlugin } from '@driver/kit'
import { createMefpCodec, MefpCodecError, type MefpCodec } from '@driver/contracts/mefp'
import { Value } from 'typebox/value'
import type { IdentityConfig } from '../../../config.js'
import { ENABLED } from '../../../domain/user.js'
import {
  TokenCallerRefusedError, TokenKeysMissingError, TokenRequestUnreadableError, TokenUserNotFoundError,
  UserDisabledError
} from '../../../errors.js'
import { CheckQuerySchema, TokenAnswerSchema, TokenRequestSchema } from '../../../schemas/accounts.js'

export interface TokenRoutesOptions {
  /** Who may ask, and the key and IV MeFP's request and our answer are encrypted with. */
  config: Pick<IdentityConfig, 'MEFP_ALLOWED_IPS' | 'MEFP_SECRET' | 'APP_SECRET'>
  clock: () => Date
}

/**
 * `POST /users/token` (seed 004 §7), for MeFP only: the gateway lets only
 * MEFP_ALLOWED_IPS through, and this route checks the client IP the gateway
 * signed again. The request is `{"login_name": …}` encrypted as MeFP's
 * requests are (AES-256-CBC, Base64), sent as the raw text/plain body or as
 * `data` of a JSON or form body; the answer is `{"result":1,"data":<{"token": …} encrypted>}`.
 */
export const tokenRoutes: AppPlugin<TokenRoutesOptions> = async (app, { config, clock }) => {
  const isAllowed = addressMatcher(listOf(config.MEFP_ALLOWED_IPS))
  const { MEFP_SECRET: secret, APP_SECRET: iv } = config
  const codec: MefpCodec | undefined = secret !== undefined && iv !== undefined
    ? createMefpCodec({ secret, iv })
    : undefined

  const loginNameIn = (text: string): string => {
    if (!codec) throw new TokenKeysMissingError()
    let request: unknown
    try {
      request = codec.decrypt(text)
    } catch (error) {
      if (error instanceof MefpCodecError) throw new TokenRequestUnreadableError()
      throw error
    }
    if (!Value.Check(CheckQuerySchema, request)) throw new TokenRequestUnreadableError()
    return request.login_name
  }

  app.post('', {
    schema: {
      summary: "A user's token, for MeFP",
      description: 'Only from MEFP_ALLOWED_IPS (403). Body: the encrypted `{"login_name": …}` as text/plain, ' +
        'or `{"data": …}`. Undecryptable: 400; unknown user: 404.',
      body: withExamples(TokenRequestSchema, { data: 'q1Zr3nV0yJmH8kXo2pLw5tAe7uBc9dFg+Q0sR4iN6hMk=' }),
      response: {
        200: withExamples(TokenAnswerSchema, { result: 1, data: 'Xk8pQ2vR7mT4wZ1nB6yC3hJ9sD5fG0aL+E2uK8iO4rM=' })
      }
    },
    // Before the body is read: a caller outside the list learns nothing else.
    onRequest: async (request) => {
      if (isAllowed(clientIp(request))) return
      request.log.warn({ ip: clientIp(request) }, 'refused a token request from outside MEFP_ALLOWED_IPS')
      throw new TokenCallerRefusedError()
    }
  }, async (request) => {
    const body = request.body
    const loginName = loginNameIn(typeof body === 'string' ? body : body.data)
    const user = await app.users.findByLoginName(loginName)
    if (!user) throw new TokenUserNotFoundError()
    if (user.status !== ENABLED) throw new UserDisabledError()
    const token = app.userTokens.issue(user, clock())
    request.log.info({ userId: user._id }, 'token issued to MeFP')
    return { result: 1 as const, data: codec?.encrypt({ token }) ?? '' }
  })
}
