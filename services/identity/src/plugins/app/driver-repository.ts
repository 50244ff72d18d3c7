import fp from 'fastify-plugin'
import { DuplicateKeyError } from '@driver/store'
import type { DriverFields } from '../../schemas/driver-record.js'

/**
 * A vehicle owner's record (seed 004's drivers): one per user (`user_id`,
 * unique), its integer `_id` from the `drivers` counter. `img_idcard`,
 * `app_id` and the latest position (`location`, `lng`, `lat`) appear in the
 * seed's answers but in none of its forms: answered when stored, set by
 * nothing here yet.
 */
export interface Driver extends DriverFields {
  _id: number
  user_id: number
  img_idcard?: string
  app_id?: string
  location?: string
  lng?: number
  lat?: number
  created_at: Date
  updated_at: Date
}

export interface DriverRepository {
  /** Null when the user already has one (the unique index settles two at once). */
  create: (userId: number, fields: DriverFields, now: Date) => Promise<Driver | null>
  /** The record after the change; null when unknown. */
  update: (id: number, fields: DriverFields, now: Date) => Promise<Driver | null>
  findById: (id: number) => Promise<Driver | null>
  findByUserId: (userId: number) => Promise<Driver | null>
  /** The records of a page of users (`GET /users`), in one query. */
  findByUserIds: (userIds: number[]) => Promise<Driver[]>
}

declare module 'fastify' {
  interface FastifyInstance {
    drivers: DriverRepository
  }
}

/** `app.drivers`: the `drivers` collection. */
export const driverRepository = fp(async (app) => {
  const drivers = app.store.collection<Driver>('drivers')
  await drivers.createIndex({ user_id: 1 }, { unique: true })
  const ids = app.store.counter('drivers')

  app.decorate('drivers', {
    async create (userId, fields, now) {
      // Checked first so a second form does not spend an id; the index settles a race.
      if (await drivers.findOne({ user_id: userId })) return null
      const created: Driver = { ...fields, _id: await ids.next(), user_id: userId, created_at: now, updated_at: now }
      try {
        await drivers.insertOne(created)
      } catch (error) {
        if (error instanceof DuplicateKeyError) return null
        throw error
      }
      return created
    },
    update: async (id, fields, now) => await drivers.findOneAndUpdate({ _id: id }, { $set: { ...fields, updated_at: now } }, { returnDocument: 'after' }),
    findById: async (id) => await drivers.findOne({ _id: id }),
    findByUserId: async (userId) => await drivers.findOne({ user_id: userId }),
    findByUserIds: async (userIds) => userIds.length === 0 ? [] : await drivers.find({ user_id: { $in: userIds } })
  } satisfies DriverRepository)
}, { name: 'driver-repository', dependencies: ['store'] })
