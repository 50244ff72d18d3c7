import fp from 'fastify-plugin'
import { DuplicateKeyError } from '@driver/store'

/** A message or event WeChat pushed, by the key WeChat tells us to dedupe it by. */
interface PushReceipt {
  _id: string
  at: Date
}

export interface PushReceipts {
  /**
   * True for the first delivery of `key`, false for a retry or a copy being
   * handled elsewhere: the unique `_id` decides, so every process agrees.
   */
  claim: (key: string) => Promise<boolean>
  /** Gives a claim back when handling failed, so that WeChat's retry is handled. */
  release: (key: string) => Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    pushReceipts: PushReceipts
  }
}

/** WeChat retries for about 15 s; a day is far past any retry and keeps the collection small. */
const RECEIPT_TTL_SECONDS = 24 * 60 * 60

/** `wx_push_receipts`: which pushes were handled, kept a day (TTL index). */
export const pushReceipts = fp(async (app) => {
  const receipts = app.store.collection<PushReceipt>('wx_push_receipts')
  await receipts.createIndex({ at: 1 }, { expireAfterSeconds: RECEIPT_TTL_SECONDS })

  app.decorate('pushReceipts', {
    async claim (key) {
      try {
        await receipts.insertOne({ _id: key, at: new Date() })
        return true
      } catch (error) {
        if (error instanceof DuplicateKeyError) return false
        throw error
      }
    },
    async release (key) {
      await receipts.deleteOne({ _id: key })
    }
  } satisfies PushReceipts)
}, { name: 'push-receipts', dependencies: ['store'] })
