import fp from 'fastify-plugin'
import { maskPhone } from '@driver/kit'
import { devSmsRoutes } from '../../routes/dev/sms/index.js'
import type { SmsProvider, VerificationMessage } from './sms-provider.js'

export interface OutboxEntry extends VerificationMessage {
  sentAt: string
}

export interface SmsOutbox {
  /** What was "sent" to a phone, newest first. */
  read: (phone: string) => OutboxEntry[]
}

export interface LogSmsProviderOptions {
  /** Serve the outbox at `GET /dev/sms/outbox`; never in production. */
  devOutbox: boolean
}

const KEPT_PER_PHONE = 20
const KEPT_PHONES = 1000

/**
 * Development delivery: the log says a code was sent (never the code), and the
 * message itself waits in an in-memory outbox that `GET /dev/sms/outbox` reads.
 */
export const logSmsProvider = fp<LogSmsProviderOptions>(async (app, { devOutbox }) => {
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
  if (devOutbox) {
    await app.register(devSmsRoutes, { prefix: '/dev/sms', outbox: { read: (phone) => outbox.get(phone) ?? [] } })
  }
}, { name: 'sms-provider' })
