import { randomBytes } from 'node:crypto'
import fp from 'fastify-plugin'
import { maskPhone } from '@driver/kit'
import { normalizePhone } from '../domain/phone.js'
import { MAX_WRONG_TRIES } from '../domain/send-limits.js'
import { generateCode, hashCode, hashesMatch } from '../domain/verification-code.js'
import { ExpiredCodeError, InvalidPhoneError, TooManyTriesError, WrongCodeError } from '../errors.js'
import type { SmsProvider, SmsPurpose } from '../providers/sms-provider.js'
import { CodeRepository, type CodeDocument } from './code-repository.js'
import { SendLimitsRepository } from './send-limits-repository.js'
import { SendLogRepository } from './send-log-repository.js'

export interface SendRequest { phone: string, purpose: SmsPurpose, ip?: string }
export interface VerifyRequest { phone: string, purpose: SmsPurpose, code: string }

export interface Verification {
  /** Sends a fresh code or throws the reason it may not (limits, bad phone, provider down). */
  send: (request: SendRequest) => Promise<void>
  /**
   * Checks a code and uses it up. `onVerified` runs after the code is consumed;
   * if it throws, the code is put back so the user can simply try again.
   */
  verify: (request: VerifyRequest, onVerified?: (phone: string) => Promise<void>) => Promise<string>
}

declare module 'fastify' {
  interface FastifyInstance {
    verification: Verification
    smsProvider: SmsProvider
  }
}

export interface VerificationOptions {
  provider: SmsProvider
  codeSecret?: string
  timeZone: string
  /** The clock the rules run on; tests move it instead of waiting minutes. */
  clock?: () => Date
}

export const verification = fp<VerificationOptions>(async (app, { provider, codeSecret, timeZone, clock = () => new Date() }) => {
  // Without a configured secret (development), codes survive only this process.
  const secret = codeSecret ?? randomBytes(32).toString('hex')
  const codes = new CodeRepository(app.store)
  const limits = new SendLimitsRepository(app.store, timeZone)
  const sendLog = new SendLogRepository(app.store)
  await Promise.all([codes.init(), limits.init(), sendLog.init()])

  const phoneOf = (input: string): string => {
    const phone = normalizePhone(input)
    if (!phone) throw new InvalidPhoneError()
    return phone
  }

  const explainMissing = async (phone: string, purpose: SmsPurpose, now: Date): Promise<never> => {
    const code = await codes.find(phone, purpose)
    if (!code) throw new WrongCodeError()
    if (code.expiresAt <= now) throw new ExpiredCodeError()
    await codes.discard(code)
    throw new TooManyTriesError()
  }

  const service: Verification = {
    async send ({ phone: input, purpose, ip }) {
      const phone = phoneOf(input)
      const now = clock()
      const reservation = await limits.reserve(phone, now)
      const code = generateCode()
      try {
        await provider.send({ phone, purpose, code })
      } catch (error) {
        await reservation.release()
        app.log.warn({ err: error, phone: maskPhone(phone), purpose }, 'code could not be sent')
        throw error
      }
      await codes.replace(phone, purpose, hashCode(secret, phone, purpose, code), now)
      await sendLog.record({ phone, purpose, ip: ip ?? null, provider: provider.name, sentAt: now })
    },

    async verify ({ phone: input, purpose, code }, onVerified) {
      const phone = phoneOf(input)
      const now = clock()
      if (!/^\d{6}$/.test(code)) throw new WrongCodeError()
      const live: CodeDocument | null = await codes.takeTry(phone, purpose, now)
      if (!live) return explainMissing(phone, purpose, now)
      if (!hashesMatch(live.hash, hashCode(secret, phone, purpose, code))) {
        if (live.tries < MAX_WRONG_TRIES) throw new WrongCodeError()
        await codes.discard(live)
        throw new TooManyTriesError()
      }
      if (!(await codes.consume(live))) throw new WrongCodeError()
      if (onVerified) {
        try {
          await onVerified(phone)
        } catch (error) {
          await codes.restore(live)
          throw error
        }
      }
      return phone
    }
  }
  app.decorate('verification', service)
  app.decorate('smsProvider', provider)
}, { name: 'verification', dependencies: ['store'] })
