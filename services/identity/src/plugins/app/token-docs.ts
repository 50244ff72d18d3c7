import fp from 'fastify-plugin'
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify'
import { Type, type TSchema } from 'typebox'
import type { SecurityScheme } from '@driver/kit/service'

const TOKEN = 'the `/users` token `POST /users/login` answers (valid one day)'

/** Where `tokenOf` (user-auth.ts) looks for the token, in its order; `token` in a body is not offered here. */
export const USER_TOKEN_SCHEMES: Record<string, SecurityScheme> = {
  usersBearer: { type: 'http', scheme: 'bearer', description: `${TOKEN}, as \`Authorization: Bearer <token>\`` },
  usersTokenHeader: { type: 'apiKey', in: 'header', name: 'token', description: `${TOKEN}, in a \`token\` header` },
  usersTokenQuery: { type: 'apiKey', in: 'query', name: 'token', description: `${TOKEN}, as \`?token=\`` }
}
/** Separate requirement objects: any one of them is enough. */
const SECURITY = Object.keys(USER_TOKEN_SCHEMES).map((name) => ({ [name]: [] }))

const failure = (description: string, msg: string, code: string): TSchema => Type.Object({
  result: Type.Literal(0), msg: Type.String(), code: Type.String()
}, { description, examples: [{ result: 0, msg, code }] })

const ANSWERS: Record<string, TSchema> = {
  401: failure('no token, or one that is unreadable, expired, or ended (logout, password change, disabled user)',
    '未登录或登录已过期', 'IDENTITY_UNAUTHORIZED'),
  403: failure('the caller\'s account is disabled, or the change is not the caller\'s to make',
    '账号已停用', 'IDENTITY_USER_DISABLED')
}
const UNKNOWN = Type.Object({ result: Type.Literal(0), msg: Type.String(), code: Type.String() }, {
  description: 'an unknown id, or a record outside what the caller may see: the same answer'
})

/** Says in the document that `route` checks a token, and what a caller without a good one gets. */
function documentTokenRoute (route: RouteOptions): void {
  const schema: FastifySchema = route.schema ?? {}
  const response = { ...(schema.response as Record<string, unknown> | undefined) }
  for (const [status, answer] of Object.entries(ANSWERS)) response[status] ??= answer
  if (schema.params !== undefined) response['404'] ??= UNKNOWN
  route.schema = { ...schema, security: SECURITY, response }
}

/** Every route of this scope (a route plugin) needs a token: checked, and documented so. */
export function requireUserInScope (app: FastifyInstance): void {
  app.addHook('preValidation', app.requireUser)
  app.addHook('onRoute', documentTokenRoute)
}

/**
 * Every route that checks a token (`preValidation: app.requireUser`, or in a scope of
 * `requireUserInScope`) says so in the document: its security schemes, and the 401,
 * 403 and (with an id in its path) 404 a caller meets. Failures are serialised by the
 * envelope, not by these schemas.
 */
export const tokenDocs = fp(async (app) => {
  app.addHook('onRoute', (route) => {
    if ([route.preValidation].flat().includes(app.requireUser)) documentTokenRoute(route)
  })
}, { name: 'token-docs', dependencies: ['user-auth'] })
