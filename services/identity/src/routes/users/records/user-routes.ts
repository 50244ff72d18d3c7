import type { AppPlugin } from '@driver/kit'
import type { FastifyRequest } from 'fastify'
import { UserNotFoundError, PasswordPairError } from '../../../domain/record-errors.js'
import { userDetailView, userListItemView } from '../../../domain/record-views.js'
import { assertChangesAllowed, scopeOf, sees, type UserChanges } from '../../../domain/user-scope.js'
import { callerOf } from '../../../plugins/app/user-auth.js'
import type { User, UserQuery } from '../../../plugins/app/user-repository.js'
import { RecordChangedSchema } from '../../../schemas/record-fields.js'
import { ListUsersQuerySchema, UserListAnswerSchema } from '../../../schemas/user-listing.js'
import { UpdateUserSchema, UserDetailAnswerSchema, UserIdParams, type UpdateUserBody } from '../../../schemas/user-record.js'

/** Keeps the fields that were sent. */
const given = <T extends object>(fields: T): Partial<T> =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>

function changesOf ({ user_name, city, sign, memo, password, old_password, status, role, area, checked }: UpdateUserBody): UserChanges {
  if ((password === undefined) !== (old_password === undefined)) throw new PasswordPairError()
  return {
    profile: given({ user_name, city, sign, memo }),
    ...(password !== undefined && old_password !== undefined ? { password: { password, old_password } } : {}),
    managed: given({ status, role, area, checked })
  }
}

/** `GET /users`, `GET /users/:id`, `PUT /users/:id`. */
export const userRoutes: AppPlugin<{ timeZone: string }> = async (app, { timeZone }) => {
  /** The user, if the caller may see them; unknown and out of scope answer the same 404. */
  const visibleUser = async (request: FastifyRequest, id: number): Promise<{ caller: User, target: User }> => {
    const caller = callerOf(request)
    const target = id === caller._id ? caller : await app.users.findById(id)
    if (!target || !sees(caller, target)) throw new UserNotFoundError()
    return { caller, target }
  }

  // '' rather than '/': the route is `/users` itself, as the seed writes it.
  app.get('', {
    schema: {
      summary: 'The users the caller manages',
      description: "Partners: users whose area starts with theirs and whose role is lower; administrators (role 9, area ''): every user below role 9; " +
        'an ordinary user: none. page_size above 100 is refused.',
      querystring: ListUsersQuerySchema,
      response: { 200: UserListAnswerSchema }
    }
  }, async (request) => {
    const { keyword, role, status, checked, page_no: pageNo, page_size: pageSize } = request.query
    const query: UserQuery = { ...given({ keyword, role, status, checked }), scope: scopeOf(callerOf(request)), pageNo, pageSize }
    const { total, users } = await app.users.list(query)
    const ids = users.map((user) => user._id)
    const [consignors, drivers] = await Promise.all([app.consignors.findByUserIds(ids), app.drivers.findByUserIds(ids)])
    const consignorOf = new Map(consignors.map((record) => [record.user_id, record]))
    const driverOf = new Map(drivers.map((record) => [record.user_id, record]))
    const data = users.map((user) => userListItemView(user, consignorOf.get(user._id), driverOf.get(user._id)))
    return { result: 1 as const, total, page_no: pageNo, page_size: pageSize, data }
  })

  app.get('/:id(^\\d+$)', {
    schema: {
      summary: "A user's details, with their consignor and driver records",
      description: 'Oneself, or a user the caller manages; anyone else is answered as unknown (404).',
      params: UserIdParams,
      response: { 200: UserDetailAnswerSchema }
    }
  }, async (request) => {
    const { target } = await visibleUser(request, request.params.id)
    const [consignor, driver] = await Promise.all([app.consignors.findByUserId(target._id), app.drivers.findByUserId(target._id)])
    return { result: 1 as const, data: userDetailView(target, consignor, driver, timeZone) }
  })

  app.put('/:id(^\\d+$)', {
    schema: {
      summary: 'Change a user',
      description: 'user_name, city, sign, memo and the password (with old_password, through MeFP): the user themself. ' +
        "status, role, area, checked: a partner or administrator over a user it manages, granting only roles below its own and areas within its own.",
      params: UserIdParams,
      body: UpdateUserSchema,
      response: { 200: RecordChangedSchema }
    }
  }, async (request) => {
    const { caller, target } = await visibleUser(request, request.params.id)
    const changes = changesOf(request.body)
    assertChangesAllowed(caller, target, changes)
    // MeFP first: when it refuses, nothing here changes.
    if (changes.password) await app.mefp.changePassword(target.login_name, changes.password.password, changes.password.old_password)
    const updated = await app.users.update(target._id, { ...changes.profile, ...changes.managed })
    if (!updated) throw new UserNotFoundError()
    return { result: 1 as const }
  })
}
