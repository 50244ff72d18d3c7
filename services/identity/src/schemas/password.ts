import { Type } from 'typebox'

/** A password the user already has (to log in, or to prove a change); MeFP judges it. */
export const CurrentPassword = Type.String({ minLength: 1, maxLength: 128, description: '密码' })

/**
 * A new password, wherever one is chosen: register, reset and `PUT /users/:id`.
 * MeFP has the last word on its strength; this is the floor every route shares.
 */
export const NewPassword = Type.String({ minLength: 6, maxLength: 64, description: '新密码，6–64 个字符' })
