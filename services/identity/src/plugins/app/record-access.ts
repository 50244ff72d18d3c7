import fp from 'fastify-plugin'
import type { FastifyError } from 'fastify'
import type { User } from '../../domain/user.js'
import { manages, sees } from '../../domain/user-scope.js'
import { OwnRecordOnlyError } from '../../errors.js'

/** The 404 of the kind of record asked for (`IDENTITY_CONSIGNOR_NOT_FOUND`, `IDENTITY_DRIVER_NOT_FOUND`). */
type NotFound = new () => FastifyError
type OwnedRecord = { user_id: number }

export interface RecordAccess {
  /** A consignor's or driver's record with its user, if the caller may read it (its own, or a user it manages). */
  readable: <R extends OwnedRecord>(caller: User, record: R | null, NotFoundError: NotFound) =>
    Promise<{ record: R, user: User }>
  /**
   * A record the caller may change: only its own. Another's that the caller can
   * read anyway is refused as such; one it cannot read is answered as unknown.
   */
  changeable: <R extends OwnedRecord>(caller: User, record: R | null, NotFoundError: NotFound) => Promise<R>
}

declare module 'fastify' {
  interface FastifyInstance {
    recordAccess: RecordAccess
  }
}

/** `app.recordAccess`: who may read and change a consignor's or driver's record (seed 004 §8–13). */
export const recordAccess = fp(async (app) => {
  app.decorate('recordAccess', {
    async readable (caller, record, NotFoundError) {
      if (!record) throw new NotFoundError()
      const user = record.user_id === caller._id ? caller : await app.users.findById(record.user_id)
      if (!user || !sees(caller, user)) throw new NotFoundError()
      return { record, user }
    },
    async changeable (caller, record, NotFoundError) {
      if (!record) throw new NotFoundError()
      if (record.user_id === caller._id) return record
      const owner = await app.users.findById(record.user_id)
      if (owner && manages(caller, owner)) throw new OwnRecordOnlyError()
      throw new NotFoundError()
    }
  } satisfies RecordAccess)
}, { name: 'record-access', dependencies: ['user-repository'] })
