import type { FastifyError, FastifyInstance } from 'fastify'
import { OwnRecordOnlyError } from '../../../domain/record-errors.js'
import { manages, sees } from '../../../domain/user-scope.js'
import type { User } from '../../../plugins/app/user-repository.js'

type NotFound = new () => FastifyError

/** A consignor's or driver's record with the user it belongs to, if the caller may read it (its own, or a user it manages). */
export async function visibleOwner<R extends { user_id: number }> (app: FastifyInstance, caller: User, record: R | null, NotFoundError: NotFound): Promise<{ record: R, user: User }> {
  if (!record) throw new NotFoundError()
  const user = record.user_id === caller._id ? caller : await app.users.findById(record.user_id)
  if (!user || !sees(caller, user)) throw new NotFoundError()
  return { record, user }
}

/**
 * A record the caller may change: only its own. Another's that the caller can
 * read anyway is refused as such; one it cannot read is answered as unknown.
 */
export async function ownedRecord<R extends { user_id: number }> (app: FastifyInstance, caller: User, record: R | null, NotFoundError: NotFound): Promise<R> {
  if (!record) throw new NotFoundError()
  if (record.user_id === caller._id) return record
  const owner = await app.users.findById(record.user_id)
  if (owner && manages(caller, owner)) throw new OwnRecordOnlyError()
  throw new NotFoundError()
}
