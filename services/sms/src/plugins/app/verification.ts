import { randomBytes } from 'node:crypto'
import fp from 'fastify-plugin'
import type { SmsPurpose } from '@driver/contracts'
import { maskPhone } from '@driver/kit'
import type { HeldEvent } from '@driver/kit/service'
import { normalizePhone } from '../../domain/phone.js'
import { MAX_WRONG_TRIES } from '../../domain/send-limits.js'
import { generateCode, hashCode, hashesMatch } from '../../domain/verification-code.js'
import { ExpiredCodeError, InvalidPhoneError, TooManyTriesError, WrongCodeError } from '../../errors.js'
import type { CodeDocument, CodeOwner } from './code-repository.js'
import { sendMetrics } from './send-metrics.js'

/**
 * `ip` is the client's address as the gateway asserted it, whichever service asks;
 * `wxUserId` makes the code the session's own (`/wx`); without it the code belongs
 * to the phone and purpose (`/users`, which has no session).
 */
export interface SendRequest { phone: string, purpose: SmsPurpose, ip: string, wxUserId?: string }
/** `ip`, when given, counts the check against the address's hourly checks. */
export interface VerifyRequest { phone: string, purpose: SmsPurpose, code: string, ip?: string, wxUserId?: string }

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
  const { codes, ipLimits, sendBudget, sendLimits, sendLog, smsProvider } = app
  const counted = sendMetrics(app.metrics)

  const phoneOf = (input: string): string => {
    const phone = normalizePhone(input)
    if (!phone) throw new InvalidPhoneError()
    return phone
  }

  const ownerOf = (phone: string, purpose: SmsPurpose, wxUserId: string | undefined): CodeOwner =>
    wxUserId === undefined ? { phone, purpose } : { phone, purpose, wxUserId }

  const explainMissing = async (owner: CodeOwner, now: Date): Promise<never> => {
    const code = await codes.find(owner)
    if (!code) throw new WrongCodeError()
    if (code.expiresAt <= now) throw new ExpiredCodeError()
    await codes.discard(code)
    throw new TooManyTriesError()
  }

  const send = async ({ phone: input, purpose, ip, wxUserId }: SendRequest): Promise<void> => {
    const phone = phoneOf(input)
    const now = clock()
    // The address first, the phone next, the platform's budget last: a refusal costs the later ones nothing.
    await ipLimits.takeSend(ip, now)
    const reservation = await sendLimits.reserve(phone, now)
    const releaseBudget = await sendBudget.reserve(now)
      .catch(async (error: unknown) => { await reservation.release(); throw error })
    const code = generateCode()
    try {
      await smsProvider.send({ phone, purpose, code })
    } catch (error) {
      await releaseBudget()
      await reservation.release()
      app.log.warn({ err: error, phone: maskPhone(phone), purpose }, 'code could not be sent')
      throw error
    }
    counted.sent()
    await codes.replace(ownerOf(phone, purpose, wxUserId), hashCode(secret, phone, purpose, code), now)
    await sendLog.record({ phone, purpose, ip, provider: smsProvider.name, sentAt: now })
  }

  app.decorate('verification', {
    async send (request) {
      try {
        await send(request)
      } catch (error) {
        counted.refused(error)
        throw error
      }
    },

    async verify ({ phone: input, purpose, code, ip, wxUserId }, announce) {
      const phone = phoneOf(input)
      const now = clock()
      if (ip !== undefined) await ipLimits.takeCheck(ip, now)
      if (!/^\d{6}$/.test(code)) throw new WrongCodeError()
      const owner = ownerOf(phone, purpose, wxUserId)
      const live = await codes.takeTry(owner, now)
      if (!live) return explainMissing(owner, now)
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
  dependencies: [
    'code-repository', 'ip-limits-repository', 'send-budget-repository', 'send-limits-repository', 'send-log-repository'
  ],
  decorators: { fastify: ['smsProvider'] }
})
