import { randomBytes } from 'node:crypto'
import fp from 'fastify-plugin'
import type { SmsPurpose } from '@driver/contracts'
import { maskPhone } from '@driver/kit'
import type { HeldEvent } from '@driver/kit/service'
import { normalizePhone } from '../../domain/phone.js'
import { MAX_WRONG_TRIES } from '../../domain/send-limits.js'
import { generateCode, hashCode, hashesMatch } from '../../domain/verification-code.js'
import { ExpiredCodeError, InvalidPhoneError, TooManyTriesError, WrongCodeError } from '../../errors.js'
import type { CodeDocument } from './code-repository.js'

export interface SendRequest { phone: string, purpose: SmsPurpose, ip?: string }
export interface VerifyRequest { phone: string, purpose: SmsPurpose, code: string }

/**
 * Records the event that announces a verification before the code is used up
 * (DESIGN: transactional outbox); it is released once the code is consumed and
 * discarded if another check consumed it first.
 */
export type AnnounceVerified = (phone: string, code: CodeDocument) => Promise<HeldEvent>

export interface Verification {
  /** Sends a fresh code or throws the reason it may not (limits, bad phone, provider down). */
  send: (request: SendRequest) => Promise<void>
  /** Checks a code and uses it up; resolves to the normalised phone. */
  verify: (request: VerifyRequest, announce?: AnnounceVerified) => Promise<string>
}

declare module 'fastify' {
  interface FastifyInstance {
    verification: Verification
  }
}

export interface VerificationOptions {
  codeSecret?: string
  /** The clock the rules run on; tests move it instead of waiting minutes. */
  clock?: () => Date
}

/** The code rules of DESIGN §5 over the repositories and the provider. */
export const verification = fp<VerificationOptions>(async (app, { codeSecret, clock = () => new Date() }) => {
  // Without a configured secret (development), codes survive only this process.
  const secret = codeSecret ?? randomBytes(32).toString('hex')
  const { codes, sendLimits, sendLog, smsProvider } = app

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

  app.decorate('verification', {
    async send ({ phone: input, purpose, ip }) {
      const phone = phoneOf(input)
      const now = clock()
      const reservation = await sendLimits.reserve(phone, now)
      const code = generateCode()
      try {
        await smsProvider.send({ phone, purpose, code })
      } catch (error) {
        await reservation.release()
        app.log.warn({ err: error, phone: maskPhone(phone), purpose }, 'code could not be sent')
        throw error
      }
      await codes.replace(phone, purpose, hashCode(secret, phone, purpose, code), now)
      await sendLog.record({ phone, purpose, ip: ip ?? null, provider: smsProvider.name, sentAt: now })
    },

    async verify ({ phone: input, purpose, code }, announce) {
      const phone = phoneOf(input)
      const now = clock()
      if (!/^\d{6}$/.test(code)) throw new WrongCodeError()
      const live = await codes.takeTry(phone, purpose, now)
      if (!live) return explainMissing(phone, purpose, now)
      if (!hashesMatch(live.hash, hashCode(secret, phone, purpose, code))) {
        if (live.tries < MAX_WRONG_TRIES) throw new WrongCodeError()
        await codes.discard(live)
        throw new TooManyTriesError()
      }
      const held = await announce?.(phone, live)
      let consumed: boolean
      try {
        consumed = await codes.consume(live)
      } catch (error) {
        await held?.discard()
        throw error
      }
      if (!consumed) {
        await held?.discard()
        throw new WrongCodeError()
      }
      await held?.release()
      return phone
    }
  } satisfies Verification)
}, {
  name: 'verification',
  dependencies: ['code-repository', 'send-limits-repository', 'send-log-repository'],
  decorators: { fastify: ['smsProvider'] }
})
