import fp from 'fastify-plugin'
import type { Driver } from '../../domain/user-records.js'
import type { DriverFields } from '../../schemas/driver.js'
import { userRecordRepository, type UserRecordRepository } from './user-record-repository.js'

export type DriverRepository = UserRecordRepository<Driver, DriverFields>

declare module 'fastify' {
  interface FastifyInstance {
    drivers: DriverRepository
  }
}

/** `app.drivers`: the `drivers` collection, one vehicle-owner record per user. */
export const driverRepository = fp(async (app) => {
  app.decorate('drivers', await userRecordRepository<Driver, DriverFields>(app, 'drivers'))
}, { name: 'driver-repository', dependencies: ['store'] })
