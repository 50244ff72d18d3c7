import { randomBytes } from 'node:crypto'

/** WeChat keeps a replaced access_token working for five more minutes. */
const REPLACED_TOKEN_GRACE_MS = 5 * 60_000
const TOKEN = /^SIM_[A-Za-z0-9_-]{20,}$/

export interface IssuedValue {
  value: string
  expiresIn: number
}

interface Credential {
  expiresAt: number
  revoked: boolean
}

/** 0 when the token is valid, otherwise WeChat's errcode for it. */
export type TokenCheck = 0 | 40001 | 40014 | 41001 | 42001

export interface SimulatorStateOptions {
  tokenTtlSeconds: number
  ticketTtlSeconds: number
  clock: () => number
}

const randomValue = (prefix: string) => `SIM_${prefix}_${randomBytes(24).toString('base64url')}`

/** The official account's access tokens and jsapi tickets, as WeChat keeps them. */
export function simulatorCredentials ({ tokenTtlSeconds, ticketTtlSeconds, clock }: SimulatorStateOptions) {
  const tokens = new Map<string, Credential>()

  return {
    /** A new token; the older ones stop working five minutes later at the latest, as on WeChat. */
    mintToken (): IssuedValue {
      const now = clock()
      for (const [value, token] of tokens) {
        if (token.expiresAt <= now - REPLACED_TOKEN_GRACE_MS) tokens.delete(value)
        else token.expiresAt = Math.min(token.expiresAt, now + REPLACED_TOKEN_GRACE_MS)
      }
      const value = randomValue('AT')
      tokens.set(value, { expiresAt: now + tokenTtlSeconds * 1000, revoked: false })
      return { value, expiresIn: tokenTtlSeconds }
    },

    checkToken (value: string | undefined): TokenCheck {
      if (value === undefined || value === '') return 41001
      if (!TOKEN.test(value)) return 40014
      const token = tokens.get(value)
      if (token === undefined || token.revoked) return 40001
      return clock() < token.expiresAt ? 0 : 42001
    },

    /** Every token issued so far is refused with 40001 from now on; the next one minted works. */
    invalidateTokens (): number {
      let invalidated = 0
      for (const token of tokens.values()) {
        if (!token.revoked) invalidated++
        token.revoked = true
      }
      return invalidated
    },

    mintTicket (): IssuedValue {
      return { value: randomValue('TICKET'), expiresIn: ticketTtlSeconds }
    }
  }
}

export type SimulatorCredentials = ReturnType<typeof simulatorCredentials>
