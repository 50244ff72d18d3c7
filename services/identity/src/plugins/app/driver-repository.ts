import fp from 'fastify-plugin'
import type { DriverFields } from '../../schemas/driver-record.js'
import { userRecordRepository, type UserRecord, type UserRecordRepository } from './user-record-repository.js'

/**
 * A vehicle owner's record (seed 004's drivers): one per user (`user_id`,
 * unique), its integer `_id` from the `drivers` counter. `img_idcard`,
 * `app_id` and the latest position (`location`, `lng`, `lat`) appear in the
 * seed's answers but in none of its forms: answered when stored, set by
 * nothing here yet.
 */
export interface Driver extends DriverFields, UserRecord {
  img_idcard?: string
  app_id?: string
  location?: string
  lng?: number
  lat?: number
}

export type DriverRepository = UserRecordRepository<Driver, DriverFields>

declare module 'fastify' {
  interface FastifyInstance {
    drivers: DriverRepository
  }
}

/** `app.drivers`: the `drivers` collection. */
export const driverRepository = fp(async (app) => {
  app.decorate('drivers', await userRecordRepository<Driver, DriverFields>(app, 'drivers'))
}, { name: 'driver-repository', dependencies: ['store'] })
