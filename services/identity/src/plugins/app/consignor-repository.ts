import fp from 'fastify-plugin'
import type { Consignor } from '../../domain/user-records.js'
import type { ConsignorFields } from '../../schemas/consignor.js'
import { userRecordRepository, type UserRecordRepository } from './user-record-repository.js'

export type ConsignorRepository = UserRecordRepository<Consignor, ConsignorFields>

declare module 'fastify' {
  interface FastifyInstance {
    consignors: ConsignorRepository
  }
}

/** `app.consignors`: the `consignors` collection, one cargo-owner record per user. */
export const consignorRepository = fp(async (app) => {
  app.decorate('consignors', await userRecordRepository<Consignor, ConsignorFields>(app, 'consignors'))
}, { name: 'consignor-repository', dependencies: ['store'] })
