import fp from 'fastify-plugin'
import type { SmsPurpose } from '@driver/contracts'

export interface SendLogEntry {
  phone: string
  purpose: SmsPurpose
  ip: string | null
  provider: string
  sentAt: Date
}

export interface SendLogRepository {
  record: (entry: SendLogEntry) => Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    sendLog: SendLogRepository
  }
}

const KEPT_DAYS = 90

/** Who was sent a code, when, from which address: for support and abuse reviews; never the code. */
export const sendLogRepository = fp(async (app) => {
  const log = app.store.collection<SendLogEntry>('send_log')
  await log.createIndex({ sentAt: 1 }, { expireAfterSeconds: KEPT_DAYS * 24 * 3600 })
  await log.createIndex({ phone: 1 })

  app.decorate('sendLog', {
    async record (entry) {
      await log.insertOne({ ...entry })
    }
  } satisfies SendLogRepository)
}, { name: 'send-log-repository', dependencies: ['store'] })
