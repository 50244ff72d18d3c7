import { Type } from 'typebox'

/** `/wx/auth/login`: where to return after logging in. */
export const LoginQuerySchema = Type.Object({
  redirect: Type.Optional(Type.String({
    maxLength: 2048, description: 'a path on this site, `/` by default; anything else is refused'
  }))
})

/** `/wx/auth/callback`: what WeChat appends when it sends the browser back. */
export const CallbackQuerySchema = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 512, description: 'absent when the user declined' })),
  state: Type.Optional(Type.String({ maxLength: 128 }))
})

/** A redirect as the API document describes it: no body, the next address in `Location`. */
export const redirectAnswer = (description: string, location: string) => ({
  type: 'null',
  description,
  headers: { Location: { type: 'string', description: location } }
})

/** The examples the API document shows: a login that comes back to Swagger UI. */
export const loginQueryExample = { redirect: '/docs' }
export const callbackQueryExample = { code: '061Ab2Ga1oC8vK0QWcJa1Cbqh21Ab2GF', state: 'n3Wq8ZkT1bV5yR0cX7mP2sLd' }
