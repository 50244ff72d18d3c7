import { maskPhone } from '@driver/kit'
import type { SmsProvider, VerificationMessage } from './sms-provider.js'

export interface OutboxEntry extends VerificationMessage {
  sentAt: string
}

export interface Logger {
  info: (details: object, message: string) => void
}

const KEPT_PER_PHONE = 20
const KEPT_PHONES = 1000

/**
 * Development delivery: the log says a code was sent (never the code), and the
 * message itself waits in an in-memory outbox that `GET /dev/sms/outbox` reads.
 */
export class LogSmsProvider implements SmsProvider {
  readonly name = 'log'
  readonly #outbox = new Map<string, OutboxEntry[]>()

  constructor (private readonly log: Logger) {}

  async send (message: VerificationMessage): Promise<void> {
    const entries = this.#outbox.get(message.phone) ?? []
    entries.unshift({ ...message, sentAt: new Date().toISOString() })
    this.#outbox.delete(message.phone)
    this.#outbox.set(message.phone, entries.slice(0, KEPT_PER_PHONE))
    // Oldest phone first in insertion order; the outbox is a dev aid, not storage.
    if (this.#outbox.size > KEPT_PHONES) this.#outbox.delete(this.#outbox.keys().next().value ?? '')
    this.log.info({ phone: maskPhone(message.phone), purpose: message.purpose }, 'code sent')
  }

  /** Newest first. */
  outbox (phone: string): OutboxEntry[] {
    return this.#outbox.get(phone) ?? []
  }
}
