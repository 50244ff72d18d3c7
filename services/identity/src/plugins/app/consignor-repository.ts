import fp from 'fastify-plugin'
import { DuplicateKeyError } from '@driver/store'
import type { ConsignorFields } from '../../schemas/consignor-record.js'

/**
 * A cargo owner's record (seed 004's consignors): one per user (`user_id`,
 * unique), its integer `_id` from the `consignors` counter. `img_idcard` and
 * `app_id` appear in the seed's answers but in none of its forms: answered when
 * stored, set by nothing here yet.
 */
export interface Consignor extends ConsignorFields {
  _id: number
  user_id: number
  img_idcard?: string
  app_id?: string
  created_at: Date
  updated_at: Date
}

export interface ConsignorRepository {
  /** Null when the user already has one (the unique index settles two at once). */
  create: (userId: number, fields: ConsignorFields, now: Date) => Promise<Consignor | null>
  /** The record after the change; null when unknown. */
  update: (id: number, fields: ConsignorFields, now: Date) => Promise<Consignor | null>
  findById: (id: number) => Promise<Consignor | null>
  findByUserId: (userId: number) => Promise<Consignor | null>
  /** The records of a page of users (`GET /users`), in one query. */
  findByUserIds: (userIds: number[]) => Promise<Consignor[]>
}

declare module 'fastify' {
  interface FastifyInstance {
    consignors: ConsignorRepository
  }
}

/** `app.consignors`: the `consignors` collection. */
export const consignorRepository = fp(async (app) => {
  const consignors = app.store.collection<Consignor>('consignors')
  await consignors.createIndex({ user_id: 1 }, { unique: true })
  const ids = app.store.counter('consignors')

  app.decorate('consignors', {
    async create (userId, fields, now) {
      // Checked first so a second form does not spend an id; the index settles a race.
      if (await consignors.findOne({ user_id: userId })) return null
      const created: Consignor = { ...fields, _id: await ids.next(), user_id: userId, created_at: now, updated_at: now }
      try {
        await consignors.insertOne(created)
      } catch (error) {
        if (error instanceof DuplicateKeyError) return null
        throw error
      }
      return created
    },
    update: async (id, fields, now) => await consignors.findOneAndUpdate({ _id: id }, { $set: { ...fields, updated_at: now } }, { returnDocument: 'after' }),
    findById: async (id) => await consignors.findOne({ _id: id }),
    findByUserId: async (userId) => await consignors.findOne({ user_id: userId }),
    findByUserIds: async (userIds) => userIds.length === 0 ? [] : await consignors.find({ user_id: { $in: userIds } })
  } satisfies ConsignorRepository)
}, { name: 'consignor-repository', dependencies: ['store'] })
