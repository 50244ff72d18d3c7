import { createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { ciphertextOf, createMefpCodec, keyBytesOf } from '@driver/contracts/mefp'

/**
 * `/users` tokens (seed 004, DESIGN §3): the seed's JSON of the user's fields
 * plus `expired_time`, AES-256-CBC with MeFP's key and IV, as Base64. The seed's
 * fixed IV and missing MAC would let anyone flip bits, so the JSON starts with
 * a random `nonce` (the first block differs every time) and ends with `hmac`,
 * HMAC-SHA256 keyed by TOKEN_SECRET over the other fields in a canonical form.
 * `issued_time` and `expired_time` are milliseconds since the epoch: they need no time zone to read.
 * `issued_time` is what a password change, a reset or disabling the user compares with
 * (`tokens_valid_after`, see `issueTimeAfter`); `nonce` is what a logout records.
 */
export interface UserTokenKeys {
  /** MEFP_SECRET: the AES-256 key (32 bytes). */
  secret: string
  /** APP_SECRET: the IV (16 bytes). */
  iv: string
  /** TOKEN_SECRET: keys the HMAC. */
  hmacSecret: string
}

export interface TokenUser {
  _id: number
  login_name: string
  user_name?: string | null
  role: number
  area: string
  reg_time: string
  checked: number
  status: number
  /** Tokens issued at or before this instant are ended (the user's `tokens_valid_after`). */
  tokens_valid_after?: Date
}

export interface UserTokenClaims {
  userId: number
  loginName: string
  /** Ends this one token at logout; unique to it. */
  nonce: string
  issuedAt: Date
  expiresAt: Date
}

export const USER_TOKEN_TTL_MS = 24 * 60 * 60 * 1000

/** The signed fields, in the order they are written and in which the HMAC reads them. */
const SIGNED = [
  'nonce', 'login_name', 'user_name', 'role', 'area', 'reg_time', 'checked', 'status', 'user_id', 'issued_time',
  'expired_time'
] as const
const FIELDS = new Set<string>([...SIGNED, 'hmac'])
/** A token is a few hundred characters; a much longer one is not ours and is not worth decrypting whole. */
const MAX_TOKEN_LENGTH = 4096
const BLOCK = 16
/** Decrypted in place of what is not a token, so that the same steps run. */
const STAND_IN = Buffer.alloc(2 * BLOCK)

/** The HMAC's input: the signed fields' values as a JSON array, so no two different tokens share one. */
const canonical = (fields: Record<string, unknown>): string =>
  JSON.stringify(SIGNED.map((name) => fields[name] ?? null))
const macOf = (fields: Record<string, unknown>, hmacSecret: string): Buffer =>
  createHmac('sha256', hmacSecret).update(canonical(fields)).digest()
/** Seed 004: a field without a value is written as "", never null. */
const orEmpty = <T>(value: T | null | undefined): T | '' => value ?? ''

/**
 * When a token issued `now` says it was issued: never at or before the user's `tokens_valid_after`,
 * so a login that reads the user after a password change made in the same millisecond (or on a
 * clock a little behind the one that made the change) still gets a token that works.
 */
export function issueTimeAfter (validAfter: Date | undefined, now: Date): number {
  return validAfter === undefined ? now.getTime() : Math.max(now.getTime(), validAfter.getTime() + 1)
}

/**
 * The `tokens_valid_after` that ends every token issued so far: now, or past the last instant a
 * token may have been given (`issueTimeAfter` can be ahead of the clock by a millisecond a change).
 */
export function endTokensAt (validAfter: Date | undefined, now: Date): Date {
  return new Date(issueTimeAfter(validAfter, now))
}

/** Whether a password change, a reset or disabling the user after the token was issued ended it. */
export const endedByUser = (claims: UserTokenClaims, validAfter: Date | undefined): boolean =>
  validAfter !== undefined && claims.issuedAt.getTime() <= validAfter.getTime()

export function issueUserToken (user: TokenUser, keys: UserTokenKeys, now: Date): string {
  const fields: Record<string, unknown> = {
    nonce: randomBytes(16).toString('base64url'),
    login_name: orEmpty(user.login_name),
    user_name: orEmpty(user.user_name),
    role: orEmpty(user.role),
    area: orEmpty(user.area),
    reg_time: orEmpty(user.reg_time),
    checked: orEmpty(user.checked),
    status: orEmpty(user.status),
    user_id: user._id,
    issued_time: issueTimeAfter(user.tokens_valid_after, now),
    expired_time: now.getTime() + USER_TOKEN_TTL_MS
  }
  return createMefpCodec(keys).encrypt({ ...fields, hmac: macOf(fields, keys.hmacSecret).toString('hex') })
}

/** The plaintext without its PKCS#7 padding, checking every padding byte whatever the first says. */
function unpad (padded: Buffer): { body: Buffer, valid: boolean } {
  const count = padded[padded.length - 1] ?? 0
  let bad = count === 0 || count > BLOCK ? 1 : 0
  for (let i = 1; i <= BLOCK; i++) bad |= (i <= count ? 1 : 0) & (padded[padded.length - i] === count ? 0 : 1)
  return bad === 0 ? { body: padded.subarray(0, padded.length - count), valid: true } : { body: padded, valid: false }
}

function objectOf (body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body))
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value)
    return isObject ? value as Record<string, unknown> : undefined
  } catch {
    return undefined
  }
}

const isCount = (value: unknown): boolean => value === '' || Number.isSafeInteger(value)
const isText = (value: unknown): boolean => typeof value === 'string'

function claimsOf (fields: Record<string, unknown>): UserTokenClaims | undefined {
  const {
    nonce, login_name: loginName, user_id: userId, issued_time: issuedTime, expired_time: expiredTime
  } = fields
  const shaped = Object.keys(fields).every((name) => FIELDS.has(name)) &&
    typeof nonce === 'string' && nonce.length >= 16 &&
    typeof loginName === 'string' && loginName !== '' &&
    [fields.user_name, fields.area, fields.reg_time].every(isText) &&
    [fields.role, fields.checked, fields.status].every(isCount) &&
    typeof userId === 'number' && Number.isSafeInteger(userId) && userId > 0 &&
    typeof issuedTime === 'number' && Number.isSafeInteger(issuedTime) &&
    typeof expiredTime === 'number' && Number.isSafeInteger(expiredTime)
  if (!shaped) return undefined
  return {
    userId: userId as number,
    loginName: loginName as string,
    nonce: nonce as string,
    issuedAt: new Date(issuedTime as number),
    expiresAt: new Date(expiredTime as number)
  }
}

/**
 * Who a token names and until when, or null: bad Base64, bad padding, bad
 * JSON, a missing or wrong HMAC, missing or mistyped fields, expiry — all the
 * same null, and all take the same steps (a stand-in is decrypted in place of
 * what is not Base64, and an HMAC is computed and compared with timingSafeEqual
 * whatever came before). What remains is what cannot be helped: the time to
 * decrypt and parse grows with the token's length.
 */
export function readUserToken (token: string, keys: UserTokenKeys, now: Date): UserTokenClaims | null {
  const { key, iv } = keyBytesOf(keys)
  const given = typeof token === 'string' && token.length <= MAX_TOKEN_LENGTH ? ciphertextOf(token) : undefined
  const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false)
  const padded = Buffer.concat([decipher.update(given ?? STAND_IN), decipher.final()])
  const { body, valid } = unpad(padded)
  const fields = objectOf(body)
  const expected = macOf(fields ?? {}, keys.hmacSecret)
  const hmac = fields?.hmac
  const wellFormed = typeof hmac === 'string' && /^[0-9a-f]{64}$/.test(hmac)
  const written = wellFormed ? Buffer.from(hmac, 'hex') : Buffer.alloc(expected.length)
  const signed = timingSafeEqual(expected, written) && typeof hmac === 'string'
  const claims = fields === undefined ? undefined : claimsOf(fields)
  if (given === undefined || !valid || !signed || claims === undefined) return null
  return claims.expiresAt.getTime() > now.getTime() ? claims : null
}
