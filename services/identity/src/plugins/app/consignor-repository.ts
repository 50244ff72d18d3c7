import fp from 'fastify-plugin'
import type { ConsignorFields } from '../../schemas/consignor-record.js'
import { userRecordRepository, type UserRecord, type UserRecordRepository } from './user-record-repository.js'

/**
 * A cargo owner's record (seed 004's consignors): one per user (`user_id`,
 * unique), its integer `_id` from the `consignors` counter. `img_idcard` and
 * `app_id` appear in the seed's answers but in none of its forms: answered when
 * stored, set by nothing here yet.
 */
export interface Consignor extends ConsignorFields, UserRecord {
  img_idcard?: string
  app_id?: string
}

export type ConsignorRepository = UserRecordRepository<Consignor, ConsignorFields>

declare module 'fastify' {
  interface FastifyInstance {
    consignors: ConsignorRepository
  }
}

/** `app.consignors`: the `consignors` collection. */
export const consignorRepository = fp(async (app) => {
  app.decorate('consignors', await userRecordRepository<Consignor, ConsignorFields>(app, 'consignors'))
}, { name: 'consignor-repository', dependencies: ['store'] })
