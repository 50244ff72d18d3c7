import type { Collection, Store } from '@driver/store'
import type { SmsPurpose } from '../providers/sms-provider.js'
import { CODE_TTL_MS, MAX_WRONG_TRIES } from '../domain/send-limits.js'

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

const keyOf = (phone: string, purpose: SmsPurpose): string => `${phone}:${purpose}`

export class CodeRepository {
  readonly #codes: Collection<CodeDocument>

  constructor (store: Store) {
    this.#codes = store.collection<CodeDocument>('codes')
  }

  async init (): Promise<void> {
    await this.#codes.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 })
  }

  async replace (phone: string, purpose: SmsPurpose, hash: string, now: Date): Promise<void> {
    await this.#codes.updateOne(
      { _id: keyOf(phone, purpose) },
      { $set: { phone, purpose, hash, tries: 0, createdAt: now, expiresAt: new Date(now.getTime() + CODE_TTL_MS) } },
      { upsert: true }
    )
  }

  /**
   * Takes one try atomically before comparing, so parallel guesses cannot
   * share a budget. Null when there is no live code or its tries are spent.
   */
  async takeTry (phone: string, purpose: SmsPurpose, now: Date): Promise<CodeDocument | null> {
    return this.#codes.findOneAndUpdate(
      { _id: keyOf(phone, purpose), expiresAt: { $gt: now }, tries: { $lt: MAX_WRONG_TRIES } },
      { $inc: { tries: 1 } },
      { returnDocument: 'after' }
    )
  }

  /** Why `takeTry` found nothing: no code, an expired one, or a spent one. */
  async find (phone: string, purpose: SmsPurpose): Promise<CodeDocument | null> {
    return this.#codes.findOne({ _id: keyOf(phone, purpose) })
  }

  /** Single use: only one of two racing correct checks consumes the code. */
  async consume (code: CodeDocument): Promise<boolean> {
    const { deletedCount } = await this.#codes.deleteOne({ _id: code._id, hash: code.hash })
    return deletedCount === 1
  }

  /** Puts a consumed code back when what should follow its use failed. */
  async restore ({ _id, ...code }: CodeDocument): Promise<void> {
    await this.#codes.updateOne({ _id }, { $set: code }, { upsert: true })
  }

  async discard (code: CodeDocument): Promise<void> {
    await this.#codes.deleteOne({ _id: code._id, hash: code.hash })
  }
}
