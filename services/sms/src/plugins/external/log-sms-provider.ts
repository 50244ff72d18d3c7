import fp from 'fastify-plugin'
import { maskPhone } from '@driver/kit'
import type { SmsProvider, VerificationMessage } from './sms-provider.js'

export interface OutboxEntry extends VerificationMessage {
  sentAt: string
}

export interface SmsOutbox {
  /** What was "sent" to a phone, newest first. */
  read: (phone: string) => OutboxEntry[]
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The `log` provider's messages, which `GET /dev/sms/outbox` shows outside production. */
    smsOutbox: SmsOutbox
  }
}

const KEPT_PER_PHONE = 20
const KEPT_PHONES = 1000

/**
 * Development delivery: the log says a code was sent (never the code), and the
 * message itself waits in an in-memory outbox that `GET /dev/sms/outbox` reads.
 */
export const logSmsProvider = fp(async (app) => {
  const outbox = new Map<string, OutboxEntry[]>()
  const provider: SmsProvider = {
    name: 'log',
    async send (message) {
      const entries = [{ ...message, sentAt: new Date().toISOString() }, ...(outbox.get(message.phone) ?? [])]
      outbox.delete(message.phone)
      outbox.set(message.phone, entries.slice(0, KEPT_PER_PHONE))
      // Oldest phone first in insertion order; the outbox is a dev aid, not storage.
      if (outbox.size > KEPT_PHONES) outbox.delete(outbox.keys().next().value ?? '')
      app.log.info({ phone: maskPhone(message.phone), purpose: message.purpose }, 'code sent')
    }
  }
  app.decorate('smsProvider', provider)
  app.decorate('smsOutbox', { read: (phone) => outbox.get(phone) ?? [] } satisfies SmsOutbox)
}, { name: 'sms-provider' })
