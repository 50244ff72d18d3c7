import fp from 'fastify-plugin'
import { DuplicateKeyError } from '@driver/store'
import {
  DAILY_SENDS_PER_PHONE, DAY_MS, RESEND_INTERVAL_MS, secondsUntilResend, sendDay
} from '../../domain/send-limits.js'
import { DailyLimitError, ResendTooSoonError } from '../../errors.js'
import { takeSlot, type WindowDocument } from './window-counter.js'

export interface Reservation {
  release: () => Promise<void>
}

export interface SendLimitsRepository {
  /** Takes the resend window and one of the day's sends, or throws which limit refused. */
  reserve: (phone: string, now: Date) => Promise<Reservation>
}

declare module 'fastify' {
  interface FastifyInstance {
    sendLimits: SendLimitsRepository
  }
}

export interface SendLimitsOptions {
  /** The zone whose calendar day the daily limit counts. */
  timeZone: string
}

/**
 * Limits are reserved atomically before a code is sent and released if the
 * provider fails, so concurrent requests cannot slip past them and a provider
 * outage does not burn the user's allowance.
 */
export const sendLimitsRepository = fp<SendLimitsOptions>(async (app, { timeZone }) => {
  // `interval:<phone>` holds the resend window; `<phone>:<day>` counts a day's sends.
  const limits = app.store.collection<WindowDocument>('send_limits')
  await limits.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 })

  const reserveInterval = async (phone: string, now: Date): Promise<() => Promise<void>> => {
    const _id = `interval:${phone}`
    const expiresAt = new Date(now.getTime() + RESEND_INTERVAL_MS)
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await limits.insertOne({ _id, expiresAt })
        return async () => { await limits.deleteOne({ _id, expiresAt }) }
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error
        const current = await limits.findOne({ _id })
        if (current && current.expiresAt > now) {
          const sentAt = new Date(current.expiresAt.getTime() - RESEND_INTERVAL_MS)
          throw new ResendTooSoonError(secondsUntilResend(sentAt, now))
        }
        // Expired but not yet swept by the TTL monitor: take its place.
        if (current) await limits.deleteOne({ _id, expiresAt: current.expiresAt })
      }
    }
    throw new ResendTooSoonError(Math.ceil(RESEND_INTERVAL_MS / 1000))
  }

  app.decorate('sendLimits', {
    async reserve (phone, now) {
      const releaseInterval = await reserveInterval(phone, now)
      const dayKey = `${phone}:${sendDay(now, timeZone)}`
      const releaseDay = await takeSlot(limits, dayKey, DAILY_SENDS_PER_PHONE, new Date(now.getTime() + 2 * DAY_MS))
        .catch(async (error: unknown) => { await releaseInterval(); throw error })
      if (!releaseDay) {
        await releaseInterval()
        throw new DailyLimitError()
      }
      return {
        release: async () => {
          await releaseDay()
          await releaseInterval()
        }
      }
    }
  } satisfies SendLimitsRepository)
}, { name: 'send-limits-repository', dependencies: ['store'] })
