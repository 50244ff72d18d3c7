import fp from 'fastify-plugin'
import { DAY_MS, HOUR_MS, sendDay, sendHour } from '../../domain/send-limits.js'
import { SendBudgetError } from '../../errors.js'
import { takeSlot, type Release, type WindowDocument } from './window-counter.js'

export interface SendBudgetRepository {
  /** Takes one send of the hour's and the day's budget, or logs and throws `SendBudgetError`. */
  reserve: (now: Date) => Promise<Release>
}

declare module 'fastify' {
  interface FastifyInstance {
    sendBudget: SendBudgetRepository
  }
}

export interface SendBudgetOptions {
  perHour: number
  perDay: number
  /** The zone whose calendar day the daily budget counts. */
  timeZone: string
}

/**
 * What the platform may spend on SMS in all, shared by every process through the store.
 * Taken last, after the per-IP and per-phone rules, so their refusals cost no budget;
 * released if the provider fails, since nothing was sent.
 */
export const sendBudgetRepository = fp<SendBudgetOptions>(async (app, { perHour, perDay, timeZone }) => {
  const windows = app.store.collection<WindowDocument>('send_limits')
  await windows.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 })

  const exhausted = (budget: string, limit: number): Error => {
    // An operator must hear of this: either traffic grew past the budget or someone is pumping SMS.
    app.log.error({ budget, limit }, `SMS budget ${budget} (${limit}) is spent; sends are refused`)
    return new SendBudgetError()
  }

  app.decorate('sendBudget', {
    async reserve (now) {
      const hourKey = `budget-hour:${sendHour(now)}`
      const releaseHour = await takeSlot(windows, hourKey, perHour, new Date(now.getTime() + 2 * HOUR_MS))
      if (!releaseHour) throw exhausted('SMS_SENDS_PER_HOUR', perHour)
      const dayKey = `budget-day:${sendDay(now, timeZone)}`
      const releaseDay = await takeSlot(windows, dayKey, perDay, new Date(now.getTime() + 2 * DAY_MS))
        .catch(async (error: unknown) => { await releaseHour(); throw error })
      if (!releaseDay) {
        await releaseHour()
        throw exhausted('SMS_SENDS_PER_DAY', perDay)
      }
      return async () => {
        await releaseDay()
        await releaseHour()
      }
    }
  } satisfies SendBudgetRepository)
}, { name: 'send-budget-repository', dependencies: ['store'] })
