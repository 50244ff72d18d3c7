import fp from 'fastify-plugin'
import type { SmsPurpose } from '@driver/contracts'
import { CODE_TTL_MS, MAX_WRONG_TRIES } from '../../domain/send-limits.js'

/** One live code per phone and purpose; a new one replaces the old. Only its keyed hash is kept. */
export interface CodeDocument {
  _id: string
  phone: string
  purpose: SmsPurpose
  hash: string
  /** Every check counts, right or wrong: the 6th check of a code is refused. */
  tries: number
  expiresAt: Date
  createdAt: Date
}

export interface CodeRepository {
  replace: (phone: string, purpose: SmsPurpose, hash: string, now: Date) => Promise<void>
  /**
   * Takes one try atomically before comparing, so parallel guesses cannot
   * share a budget. Null when there is no live code or its tries are spent.
   */
  takeTry: (phone: string, purpose: SmsPurpose, now: Date) => Promise<CodeDocument | null>
  /** Why `takeTry` found nothing: no code, an expired one, or a spent one. */
  find: (phone: string, purpose: SmsPurpose) => Promise<CodeDocument | null>
  /** Single use: only one of two racing correct checks consumes the code. */
  consume: (code: CodeDocument) => Promise<boolean>
  discard: (code: CodeDocument) => Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    codes: CodeRepository
  }
}

const keyOf = (phone: string, purpose: SmsPurpose): string => `${phone}:${purpose}`

/** The `codes` collection, removed by a TTL index once expired. */
export const codeRepository = fp(async (app) => {
  const codes = app.store.collection<CodeDocument>('codes')
  await codes.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 })

  app.decorate('codes', {
    async replace (phone, purpose, hash, now) {
      await codes.updateOne(
        { _id: keyOf(phone, purpose) },
        { $set: { phone, purpose, hash, tries: 0, createdAt: now, expiresAt: new Date(now.getTime() + CODE_TTL_MS) } },
        { upsert: true }
      )
    },
    async takeTry (phone, purpose, now) {
      return codes.findOneAndUpdate(
        { _id: keyOf(phone, purpose), expiresAt: { $gt: now }, tries: { $lt: MAX_WRONG_TRIES } },
        { $inc: { tries: 1 } },
        { returnDocument: 'after' }
      )
    },
    async find (phone, purpose) {
      return codes.findOne({ _id: keyOf(phone, purpose) })
    },
    async consume (code) {
      const { deletedCount } = await codes.deleteOne({ _id: code._id, hash: code.hash })
      return deletedCount === 1
    },
    async discard (code) {
      await codes.deleteOne({ _id: code._id, hash: code.hash })
    }
  } satisfies CodeRepository)
}, { name: 'code-repository', dependencies: ['store'] })
