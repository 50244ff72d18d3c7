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
