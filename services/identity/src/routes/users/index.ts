import type { AppPlugin } from '@driver/kit'
import type { FastifyRequest } from 'fastify'
import type { IdentityConfig } from '../../config.js'
import { ENABLED, type User } from '../../domain/user.js'
import { endTokensAt } from '../../domain/user-token.js'
import { assertChangesAllowed, scopeOf, sees, type UserChanges } from '../../domain/user-scope.js'
import { PasswordPairError, UserNotFoundError } from '../../errors.js'
import { callerOf } from '../../plugins/app/user-auth.js'
import type { UserQuery } from '../../plugins/app/user-repository.js'
import { RecordChangedSchema } from '../../schemas/record-fields.js'
import { ListUsersQuerySchema, UserListAnswerSchema, userListItemView } from '../../schemas/user-list.js'
import {
  UpdateUserSchema, UserDetailAnswerSchema, UserIdParams, userDetailView, type UpdateUserBody
} from '../../schemas/user.js'
import { activateRoutes } from './activate/index.js'
import { captchaRoutes } from './captcha/index.js'
import { checkRoutes } from './check/index.js'
import { consignorsRoutes } from './consignors/index.js'
import { driverRoutes } from './driver/index.js'
import { driversRoutes } from './drivers/index.js'
import { loginRoutes } from './login/index.js'
import { logoutRoutes } from './logout/index.js'
import { passwordRoutes } from './password/index.js'
import { registerRoutes } from './register/index.js'
import { tokenRoutes } from './token/index.js'
import { wxApplicationsRoutes } from './wx_applications/index.js'
import { withExamples, withPropertyExamples } from '@driver/kit'
import { userDetailAnswerExample, userListAnswerExample } from '../../schemas/examples.js'

export interface UsersRoutesOptions {
  config: Pick<IdentityConfig, 'TIME_ZONE' | 'MEFP_SECRET' | 'APP_SECRET' | 'MEFP_ALLOWED_IPS'>
  /** Tests move time through login windows and token lifetimes. */
  clock: () => Date
}

/** Keeps the fields that were sent. */
const given = <T extends object>(fields: T): Partial<T> =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>

function changesOf (body: UpdateUserBody): UserChanges {
  const { user_name, city, sign, memo, password, old_password, status, role, area, checked } = body
  if ((password === undefined) !== (old_password === undefined)) throw new PasswordPairError()
  return {
    profile: given({ user_name, city, sign, memo }),
    ...(password !== undefined && old_password !== undefined ? { password: { password, old_password } } : {}),
    managed: given({ status, role, area, checked })
  }
}

/**
 * `/users/*` of seed 004, in the app's default envelope, the seed's
 * `{"result": ...}` with real HTTP statuses. Here: the list (`GET /users`) and a
 * user's own record (`GET|PUT /users/:id`, integer ids, so `/users/check` and the
 * other fixed paths stay their own routes); every other path has its folder.
 */
export const usersRoutes: AppPlugin<UsersRoutesOptions> = async (app, { config, clock }) => {
  const timeZone = config.TIME_ZONE
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
      description: 'Partners: users whose area starts with theirs and whose role is lower; ' +
        "administrators (role 9, area ''): every user below role 9; an ordinary user: none. " +
        'page_size above 100 is refused.',
      querystring: withPropertyExamples(ListUsersQuerySchema, { keyword: '张', page_no: 1, page_size: 20 }),
      response: { 200: withExamples(UserListAnswerSchema, userListAnswerExample) }
    },
    preValidation: app.requireUser
  }, async (request) => {
    const { keyword, role, status, checked, page_no: pageNo, page_size: pageSize } = request.query
    const scope = scopeOf(callerOf(request))
    const query: UserQuery = { ...given({ keyword, role, status, checked }), scope, pageNo, pageSize }
    const { total, users } = await app.users.list(query)
    const ids = users.map((user) => user._id)
    const [consignors, drivers] = await Promise.all([
      app.consignors.findByUserIds(ids), app.drivers.findByUserIds(ids)
    ])
    const consignorOf = new Map(consignors.map((record) => [record.user_id, record]))
    const driverOf = new Map(drivers.map((record) => [record.user_id, record]))
    const data = users.map((user) => userListItemView(user, consignorOf.get(user._id), driverOf.get(user._id)))
    return { result: 1 as const, total, page_no: pageNo, page_size: pageSize, data }
  })

  app.get('/:id(^\\d+$)', {
    schema: {
      summary: "A user's details, with their consignor and driver records",
      description: 'Oneself, or a user the caller manages; anyone else is answered as unknown (404).',
      params: withPropertyExamples(UserIdParams, { id: 12 }),
      response: { 200: withExamples(UserDetailAnswerSchema, userDetailAnswerExample) }
    },
    preValidation: app.requireUser
  }, async (request) => {
    const { target } = await visibleUser(request, request.params.id)
    const [consignor, driver] = await Promise.all([
      app.consignors.findByUserId(target._id), app.drivers.findByUserId(target._id)
    ])
    return { result: 1 as const, data: userDetailView(target, consignor, driver, timeZone) }
  })

  app.put('/:id(^\\d+$)', {
    schema: {
      summary: 'Change a user',
      description: 'user_name, city, sign, memo and the password (with old_password, through MeFP): the user ' +
        'themself. status, role, area, checked: a partner or administrator over a user it manages, granting ' +
        'only roles below its own and areas within its own. A new password or status 0 ends every token the ' +
        'user was issued before (the caller\'s own too, when it changes its password): they answer 401.',
      params: withPropertyExamples(UserIdParams, { id: 12 }),
      body: withExamples(UpdateUserSchema, { user_name: '张建国', city: '天津', sign: '安全驾驶，准时送达' }),
      response: { 200: withExamples(RecordChangedSchema, { result: 1 }) }
    },
    preValidation: app.requireUser
  }, async (request) => {
    const { caller, target } = await visibleUser(request, request.params.id)
    const changes = changesOf(request.body)
    assertChangesAllowed(caller, target, changes)
    // MeFP first: when it refuses, nothing here changes.
    const { password } = changes
    if (password) await app.mefp.changePassword(target.login_name, password.password, password.old_password)
    // A new password or a disabled account ends every token issued so far; a new login gets a working one.
    const endsTokens = password !== undefined || (changes.managed.status ?? ENABLED) !== ENABLED
    const ended = endsTokens ? { tokens_valid_after: endTokensAt(target.tokens_valid_after, clock()) } : {}
    const updated = await app.users.update(target._id, { ...changes.profile, ...changes.managed, ...ended })
    if (!updated) throw new UserNotFoundError()
    return { result: 1 as const }
  })

  await app.register(loginRoutes, { prefix: '/login', timeZone, clock })
  await app.register(registerRoutes, { prefix: '/register', clock })
  await app.register(activateRoutes, { prefix: '/activate', timeZone, clock })
  await app.register(checkRoutes, { prefix: '/check' })
  await app.register(captchaRoutes, { prefix: '/captcha' })
  await app.register(logoutRoutes, { prefix: '/logout' })
  await app.register(passwordRoutes, { prefix: '/password', clock })
  await app.register(tokenRoutes, { prefix: '/token', config, clock })
  await app.register(consignorsRoutes, { prefix: '/consignors' })
  await app.register(driversRoutes, { prefix: '/drivers' })
  await app.register(driverRoutes, { prefix: '/driver' })
  await app.register(wxApplicationsRoutes, { prefix: '/wx_applications', timeZone })
}
