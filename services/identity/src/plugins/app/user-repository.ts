import fp from 'fastify-plugin'
import { DuplicateKeyError, type Filter } from '@driver/store'
import type { NewUser, User } from '../../domain/user.js'

/** A page of `GET /users`. */
export interface UserQuery {
  /** A literal substring of login_name, user_name, city, sign or memo (regex characters match themselves). */
  keyword?: string
  role?: number
  status?: number
  checked?: number
  /**
   * Whom the caller manages: an area prefix and a role ceiling (exclusive). `GET /users` always
   * gives one, an administrator's too (area '', below role 9: every user but administrators);
   * without one the list is of every user.
   */
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

/** Regex characters match themselves in a keyword. */
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')

const KEYWORD_FIELDS = ['login_name', 'user_name', 'city', 'sign', 'memo'] as const

function listFilter ({ keyword, role, status, checked, scope }: UserQuery): Filter<User> {
  const all: Array<Filter<User>> = []
  if (keyword !== undefined && keyword !== '') {
    const pattern = new RegExp(escapeRegExp(keyword), 'i')
    all.push({ $or: KEYWORD_FIELDS.map((field) => ({ [field]: pattern })) })
  }
  if (role !== undefined) all.push({ role })
  if (status !== undefined) all.push({ status })
  if (checked !== undefined) all.push({ checked })
  if (scope) {
    // Seed 004: a partner sees `area like '{area}%' and role < {role}`.
    all.push({ role: { $lt: scope.roleBelow } })
    if (scope.areaPrefix !== '') all.push({ area: new RegExp(`^${escapeRegExp(scope.areaPrefix)}`) })
  }
  return all.length === 0 ? {} : { $and: all }
}

/** `app.users`: the `users` collection, its integer ids from the `users` counter. */
export const userRepository = fp(async (app) => {
  const users = app.store.collection<User>('users')
  await users.createIndex({ login_name: 1 }, { unique: true })
  await users.createIndex({ role: 1 })
  await users.createIndex({ status: 1 })
  await users.createIndex({ checked: 1 })
  await users.createIndex({ area: 1 })
  const ids = app.store.counter('users')

  app.decorate('users', {
    findById: async (id) => await users.findOne({ _id: id }),
    findByLoginName: async (loginName) => await users.findOne({ login_name: loginName }),
    async insert (user) {
      // Checked first so a taken name does not spend an id; the unique index settles a race.
      if (await users.findOne({ login_name: user.login_name })) return null
      const created: User = { ...user, _id: await ids.next(), login_count: 0 }
      try {
        await users.insertOne(created)
      } catch (error) {
        if (error instanceof DuplicateKeyError) return null
        throw error
      }
      return created
    },
    async update (id, changes) {
      if (Object.keys(changes).length === 0) return await users.findOne({ _id: id })
      return await users.findOneAndUpdate({ _id: id }, { $set: changes }, { returnDocument: 'after' })
    },
    recordLogin: async (id, at, ip) => await users.findOneAndUpdate(
      { _id: id },
      { $set: { login_time: at, login_ip: ip }, $inc: { login_count: 1 } },
      { returnDocument: 'before' }
    ),
    async list (query) {
      const filter = listFilter(query)
      const [total, page] = await Promise.all([
        users.countDocuments(filter),
        users.find(filter, { sort: { _id: 1 }, skip: (query.pageNo - 1) * query.pageSize, limit: query.pageSize })
      ])
      return { total, users: page }
    }
  } satisfies UserRepository)
}, { name: 'user-repository', dependencies: ['store'] })
