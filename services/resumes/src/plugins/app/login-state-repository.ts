import fp from 'fastify-plugin'
import { LOGIN_STATE_TTL_SECONDS, loginStateKey, newLoginState } from '../../domain/login-state.js'

/** A login under way: keyed by the hash of its `state`, removed by a TTL index once expired. */
interface LoginStateDocument {
  _id: string
  redirect: string
  expiresAt: Date
}

export interface LoginStateRepository {
  /** A new single-use state for a login that returns to `redirect`. */
  issue: (redirect: string) => Promise<string>
  /** The login's redirect, once: a second call, an unknown or an expired state give null. */
  consume: (state: string) => Promise<string | null>
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
    async issue (redirect) {
      const state = newLoginState()
      await states.insertOne({
        _id: loginStateKey(state), redirect, expiresAt: new Date(Date.now() + LOGIN_STATE_TTL_SECONDS * 1000)
      })
      return state
    },
    async consume (state) {
      const key = loginStateKey(state)
      const found = await states.findOne({ _id: key })
      // Only the call whose delete removed it may use it; the TTL sweep runs only now and then.
      const { deletedCount } = await states.deleteOne({ _id: key })
      if (!found || deletedCount !== 1 || found.expiresAt.getTime() <= Date.now()) return null
      return found.redirect
    }
  } satisfies LoginStateRepository)
}, { name: 'login-state-repository', dependencies: ['store'] })
