import fp from 'fastify-plugin'
import {
  LOGIN_STATE_TTL_SECONDS, PROFILE_SCOPE, loginStateKey, newLoginState, type LoginScope
} from '../../domain/login-state.js'

/** A login under way: keyed by the hash of its `state`, removed by a TTL index once expired. */
interface LoginStateDocument {
  _id: string
  redirect: string
  /** The scope WeChat was asked for; absent in states issued when every login asked for the profile. */
  scope?: LoginScope
  expiresAt: Date
}

/** What a state stands for: where the login returns to and the scope its code was issued with. */
export interface PendingLogin {
  redirect: string
  scope: LoginScope
}

export interface LoginStateRepository {
  /** A new single-use state for a login that returns to `redirect`, asking WeChat for `scope`. */
  issue: (login: PendingLogin) => Promise<string>
  /** The login, once: a second call, an unknown or an expired state give null. */
  consume: (state: string) => Promise<PendingLogin | null>
}

declare module 'fastify' {
  interface FastifyInstance {
    loginStates: LoginStateRepository
  }
}

/** The `login_states` collection: the server's half of the OAuth `state` check. */
export const loginStateRepository = fp(async (app) => {
  const states = app.store.collection<LoginStateDocument>('login_states')
  await states.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 })

  app.decorate('loginStates', {
    async issue ({ redirect, scope }) {
      const state = newLoginState()
      await states.insertOne({
        _id: loginStateKey(state), redirect, scope, expiresAt: new Date(Date.now() + LOGIN_STATE_TTL_SECONDS * 1000)
      })
      return state
    },
    async consume (state) {
      const key = loginStateKey(state)
      const found = await states.findOne({ _id: key })
      // Only the call whose delete removed it may use it; the TTL sweep runs only now and then.
      const { deletedCount } = await states.deleteOne({ _id: key })
      if (!found || deletedCount !== 1 || found.expiresAt.getTime() <= Date.now()) return null
      return { redirect: found.redirect, scope: found.scope ?? PROFILE_SCOPE }
    }
  } satisfies LoginStateRepository)
}, { name: 'login-state-repository', dependencies: ['store'] })
