import type { FastifyInstance } from 'fastify'
import { DuplicateKeyError } from '@driver/store'
import type { UserRecord } from '../../domain/user-records.js'

/** A collection of records of which each user has at most one (seed 004's consignors and drivers). */
export interface UserRecordRepository<R extends UserRecord, F> {
  /** Null when the user already has one (the unique index settles two at once). */
  create: (userId: number, fields: F, now: Date) => Promise<R | null>
  /** The record after the change; null when unknown. */
  update: (id: number, fields: F, now: Date) => Promise<R | null>
  findById: (id: number) => Promise<R | null>
  findByUserId: (userId: number) => Promise<R | null>
  /** The records of a page of users (`GET /users`), in one query. */
  findByUserIds: (userIds: number[]) => Promise<R[]>
}

/**
 * The collection `name`, one record per user (`user_id`, unique), integer ids
 * from the counter of the same name.
 */
export async function userRecordRepository<R extends UserRecord, F extends object> (
  app: FastifyInstance, name: string
): Promise<UserRecordRepository<R, F>> {
  const records = app.store.collection<UserRecord>(name)
  await records.createIndex({ user_id: 1 }, { unique: true })
  const ids = app.store.counter(name)
  // The store types documents by the shared fields; a record's own fields travel with them.
  const asRecord = (document: UserRecord | null): R | null => document as R | null

  return {
    async create (userId, fields, now) {
      // Checked first so a second form does not spend an id; the index settles a race.
      if (await records.findOne({ user_id: userId })) return null
      const created = { ...fields, _id: await ids.next(), user_id: userId, created_at: now, updated_at: now }
      try {
        await records.insertOne(created)
      } catch (error) {
        if (error instanceof DuplicateKeyError) return null
        throw error
      }
      return created as unknown as R
    },
    update: async (id, fields, now) => asRecord(await records.findOneAndUpdate(
      { _id: id }, { $set: { ...fields, updated_at: now } }, { returnDocument: 'after' }
    )),
    findById: async (id) => asRecord(await records.findOne({ _id: id })),
    findByUserId: async (userId) => asRecord(await records.findOne({ user_id: userId })),
    findByUserIds: async (userIds) =>
      userIds.length === 0 ? [] : await records.find({ user_id: { $in: userIds } }) as R[]
  }
}
