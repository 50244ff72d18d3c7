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
}

/** The fields a new user starts with; the repository gives the id. */
export type NewUser = Omit<User, '_id' | 'login_count' | 'login_time' | 'login_ip'>

/** A page of `GET /users`. */
export interface UserQuery {
  /** A literal substring of login_name, user_name, city, sign or memo (regex characters match themselves). */
  keyword?: string
  role?: number
  status?: number
  checked?: number
  /** The caller's scope: area prefix and a role ceiling (exclusive); absent for administrators. */
  scope?: { areaPrefix: string, roleBelow: number }
  /** From 1. */
  pageNo: number
  /** At most 100. */
  pageSize: number
}

export interface UserRepository {
  findById: (id: number) => Promise<User | null>
  findByLoginName: (loginName: string) => Promise<User | null>
  /** Null when the login name is taken (unique index): two registrations at once, one user. */
  insert: (user: NewUser) => Promise<User | null>
  /** Sets the fields given; the user after the change, null when unknown. */
  update: (id: number, changes: Partial<Omit<User, '_id' | 'login_name'>>) => Promise<User | null>
  /** Records a successful login (time, ip, count + 1) and answers the user as it was before it. */
  recordLogin: (id: number, at: Date, ip: string) => Promise<User | null>
  list: (query: UserQuery) => Promise<{ total: number, users: User[] }>
}

declare module 'fastify' {
  interface FastifyInstance {
    users: UserRepository
  }
}
