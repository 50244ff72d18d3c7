import type { ProfileBody } from '../schemas/accounts.js'
import { ADMIN_ROLE, type NewUser } from './user.js'

/**
 * A user as register and activate create it: an ordinary, enabled, unreviewed
 * user, or an administrator (role 9, empty area: everything) when the login
 * name is listed in IDENTITY_ADMINS. Profile fields the form left out are not stored.
 */
export function newAccountOf (
  profile: ProfileBody, admins: ReadonlySet<string>, regApp: string, regTime: Date
): NewUser {
  const { login_name: loginName, user_name: userName, city, sign, memo } = profile
  const given = Object.fromEntries(
    Object.entries({ user_name: userName, city, sign, memo }).filter(([, value]) => value !== undefined)
  )
  return {
    login_name: loginName,
    ...given,
    role: admins.has(loginName) ? ADMIN_ROLE : 0,
    area: '',
    status: 1,
    checked: 0,
    reg_app: regApp,
    reg_time: regTime
  }
}
