/**
 * A user of the user center (seed 004's `users`). `_id` is the seed's integer
 * `user_id`, from the store's `users` counter; `login_name` (the phone today) is
 * unique. Dates are stored as instants and answered as `YYYY-MM-DD HH:mm:ss` in
 * TIME_ZONE.
 */
export interface User {
  _id: number
  login_name: string
  user_name?: string
  city?: string
  sign?: string
  memo?: string
  /** 0 an ordinary user; a partner has a higher role and sees users of lower roles in its area; 9 administrators. */
  role: number
  /** A partner's scope: users whose area starts with it. Empty: everything (administrators). */
  area: string
  /** 1 enabled, 0 disabled (locked out at once: tokens are checked against this on every request). */
  status: number
  /** Review: 0 none, 1 checked. */
  checked: number
  /** Which MeFP app registered the user ('' when unknown). */
  reg_app: string
  reg_time: Date
  /** The latest login; `/users/login` answers the previous one, then records the new one. */
  login_time?: Date
  login_ip?: string
  login_count: number
  /**
   * Tokens issued at or before this instant no longer work: set by a password change, a reset and
   * disabling the user (domain/user-token.ts). Absent until the first of them.
   */
  tokens_valid_after?: Date
}

/** The fields a new user starts with; the repository gives the id. */
export type NewUser = Omit<User, '_id' | 'login_count' | 'login_time' | 'login_ip'>

/** Seed 004's administrators: role 9 with an empty area, so every area starts with theirs. */
export const ADMIN_ROLE = 9

/** `status` of a user who may sign in; 0 is disabled. */
export const ENABLED = 1
