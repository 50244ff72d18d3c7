import { Type } from 'typebox'

/** A MongoDB ObjectId as the API exposes it. */
export const ObjectIdString = Type.String({ pattern: '^[0-9a-f]{24}$', description: '24-hex object id' })

const HEX_ID = /^[0-9a-f]{24}$/

/** True for the 24-hex ids the platform exposes (ObjectIdString's pattern, as a runtime check). */
export function isHexId (value: unknown): value is string {
  return typeof value === 'string' && HEX_ID.test(value)
}

/** A mainland China mobile number, 11 digits, no country code. */
export const MainlandPhone = Type.String({ pattern: '^1[3-9][0-9]{9}$', description: 'mainland mobile number' })

const MAINLAND_PHONE = /^1[3-9][0-9]{9}$/

/** MainlandPhone's pattern as a runtime check. */
export function isMainlandPhone (value: string): boolean {
  return MAINLAND_PHONE.test(value)
}

export const IsoDateTime = Type.String({ format: 'date-time', description: 'ISO 8601 date-time' })

/** A stable, machine-readable failure code, e.g. `SMS_CODE_EXPIRED`. */
export const FailureCode = Type.String({ pattern: '^[A-Z][A-Z0-9_]*$' })
