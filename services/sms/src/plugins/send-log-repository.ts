import type { Collection, Store } from '@driver/store'
import type { SmsPurpose } from '../providers/sms-provider.js'

interface SendLogDocument {
  phone: string
  purpose: SmsPurpose
  ip: string | null
  provider: string
  sentAt: Date
}

const KEPT_DAYS = 90

/** Who was sent a code, when, from which address: for support and abuse reviews; never the code. */
export class SendLogRepository {
  readonly #log: Collection<SendLogDocument>

  constructor (store: Store) {
    this.#log = store.collection<SendLogDocument>('send_log')
  }

  async init (): Promise<void> {
    await this.#log.createIndex({ sentAt: 1 }, { expireAfterSeconds: KEPT_DAYS * 24 * 3600 })
    await this.#log.createIndex({ phone: 1 })
  }

  async record (entry: SendLogDocument): Promise<void> {
    await this.#log.insertOne({ ...entry })
  }
}
