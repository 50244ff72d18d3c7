import fp from 'fastify-plugin'
import { DuplicateKeyError } from '@driver/store'
import {
  FAILURES_PER_ADDRESS, FAILURES_PER_LOGIN_NAME, addressKeyOf, loginWindowOf, minutesUntil, type LimitedBy
} from '../../domain/login-limits.js'
import { LoginAddressLockedError, LoginNameLockedError } from '../../errors.js'

/** `<login_name|ip>:<value>:<window>`: one window's failures; removed once the window is over. */
interface FailureCount {
  _id: string
  count: number
  expiresAt: Date
}

export interface LoginReservation {
  /** The login did not fail (MeFP accepted it, or could not be asked): its places are given back. */
  release: () => Promise<void>
}

export interface LoginLimits {
  /**
   * Takes a place among the window's failures of the login name and of the
   * client IP before MeFP is asked, so logins at once cannot slip past a limit;
   * throws the limit that is full (429). A failed login keeps its places.
   */
  reserve: (loginName: string, ip: string, now: Date) => Promise<LoginReservation>
}

declare module 'fastify' {
  interface FastifyInstance {
    loginLimits: LoginLimits
  }
}

const LIMITS: Record<LimitedBy, number> = { login_name: FAILURES_PER_LOGIN_NAME, ip: FAILURES_PER_ADDRESS }

/** A place taken in a window, and how to give it back. */
interface Place { release: () => Promise<void> }

/** `app.loginLimits`: counters in the store, so every process of the service shares them. */
export const loginLimitsRepository = fp(async (app) => {
  const failures = app.store.collection<FailureCount>('login_failures')
  await failures.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 })

  /** A place in the window and how to give it back, or when the full window ends. */
  const take = async (by: LimitedBy, value: string, now: Date): Promise<Place | { fullUntil: Date }> => {
    const { key, endsAt } = loginWindowOf(by, value, now)
    try {
      await failures.findOneAndUpdate(
        { _id: key, count: { $lt: LIMITS[by] } }, { $inc: { count: 1 }, $set: { expiresAt: endsAt } }, { upsert: true }
      )
    } catch (error) {
      // The window's document exists and is full, so the upsert collided with it.
      if (error instanceof DuplicateKeyError) return { fullUntil: endsAt }
      throw error
    }
    return {
      release: async () => { await failures.updateOne({ _id: key, count: { $gt: 0 } }, { $inc: { count: -1 } }) }
    }
  }

  app.decorate('loginLimits', {
    async reserve (loginName, ip, now) {
      const name = await take('login_name', loginName, now)
      if ('fullUntil' in name) throw new LoginNameLockedError(minutesUntil(name.fullUntil, now))
      const address = await take('ip', addressKeyOf(ip), now)
      if ('fullUntil' in address) {
        await name.release()
        throw new LoginAddressLockedError(minutesUntil(address.fullUntil, now))
      }
      return {
        async release () {
          await name.release()
          await address.release()
        }
      }
    }
  } satisfies LoginLimits)
}, { name: 'login-limits-repository', dependencies: ['store'] })
