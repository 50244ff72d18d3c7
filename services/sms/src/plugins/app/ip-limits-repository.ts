import fp from 'fastify-plugin'
import { RateLimitedError } from '@driver/kit'
import { HOUR_MS, sendHour } from '../../domain/send-limits.js'
import { IpSendLimitError } from '../../errors.js'
import { takeSlot, type WindowDocument } from './window-counter.js'

export interface IpLimitsRepository {
  /** Counts a send asked for from `ip` (over HTTP or the bus), or throws `IpSendLimitError`. */
  takeSend: (ip: string, now: Date) => Promise<void>
  /** Counts a `/wx/sms/check` from `ip`, or throws `RateLimitedError`. */
  takeCheck: (ip: string, now: Date) => Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    ipLimits: IpLimitsRepository
  }
}

export interface IpLimitsOptions {
  sendsPerHour: number
  checksPerHour: number
}

/**
 * Per client address and clock hour, in the store so that every sms process counts
 * against the same windows. Every request counts, refused or not: cheap refusals
 * must not give a prober free tries.
 */
export const ipLimitsRepository = fp<IpLimitsOptions>(async (app, { sendsPerHour, checksPerHour }) => {
  const windows = app.store.collection<WindowDocument>('send_limits')
  await windows.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 })

  const take = async (kind: string, ip: string, max: number, now: Date): Promise<boolean> => {
    const expiresAt = new Date(now.getTime() + 2 * HOUR_MS)
    return await takeSlot(windows, `ip-${kind}:${ip}:${sendHour(now)}`, max, expiresAt) !== null
  }

  app.decorate('ipLimits', {
    async takeSend (ip, now) {
      if (!await take('send', ip, sendsPerHour, now)) throw new IpSendLimitError()
    },
    async takeCheck (ip, now) {
      if (!await take('check', ip, checksPerHour, now)) throw new RateLimitedError()
    }
  } satisfies IpLimitsRepository)
}, { name: 'ip-limits-repository', dependencies: ['store'] })
