import fp from 'fastify-plugin'
import type { SmsPurpose } from '@driver/contracts'
import { CODE_TTL_MS, MAX_WRONG_TRIES } from '../../domain/send-limits.js'

/**
 * Whose code it is: a phone and purpose, and for `/wx` codes the WeChat user whose
 * session asked for it, so that nobody else's checks reach it.
 */
export interface CodeOwner {
  phone: string
  purpose: SmsPurpose
  wxUserId?: string
}

/** One live code per owner; a new one replaces the old. Only its keyed hash is kept. */
export interface CodeDocument extends CodeOwner {
  _id: string
  hash: string
  /** Every check counts, right or wrong: the 6th check of a code is refused. */
  tries: number
  expiresAt: Date
  createdAt: Date
}

export interface CodeRepository {
  replace: (owner: CodeOwner, hash: string, now: Date) => Promise<void>
  /**
   * Takes one try atomically before comparing, so parallel guesses cannot
   * share a budget. Null when there is no live code or its tries are spent.
   */
  takeTry: (owner: CodeOwner, now: Date) => Promise<CodeDocument | null>
  /** Why `takeTry` found nothing: no code, an expired one, or a spent one. */
  find: (owner: CodeOwner) => Promise<CodeDocument | null>
  /** Single use: only one of two racing correct checks consumes the code. */
  consume: (code: CodeDocument) => Promise<boolean>
  discard: (code: CodeDocument) => Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    codes: CodeRepository
  }
}

const keyOf = ({ phone, purpose, wxUserId }: CodeOwner): string =>
  wxUserId === undefined ? `${phone}:${purpose}` : `${phone}:${purpose}:${wxUserId}`

/** The `codes` collection, removed by a TTL index once expired. */
export const codeRepository = fp(async (app) => {
  const codes = app.store.collection<CodeDocument>('codes')
  await codes.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 })

  app.decorate('codes', {
    async replace (owner, hash, now) {
      const expiresAt = new Date(now.getTime() + CODE_TTL_MS)
      await codes.updateOne(
        { _id: keyOf(owner) },
        { $set: { ...owner, hash, tries: 0, createdAt: now, expiresAt } },
        { upsert: true }
      )
    },
    async takeTry (owner, now) {
      return codes.findOneAndUpdate(
        { _id: keyOf(owner), expiresAt: { $gt: now }, tries: { $lt: MAX_WRONG_TRIES } },
        { $inc: { tries: 1 } },
        { returnDocument: 'after' }
      )
    },
    async find (owner) {
      return codes.findOne({ _id: keyOf(owner) })
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
