import { isMainlandPhone } from '@driver/contracts'

/** Accepts the forms people type (`+86 138-1234-5678`) and returns the bare 11 digits, or null. */
export function normalizePhone (input: string): string | null {
  const digits = input.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '')
  return isMainlandPhone(digits) ? digits : null
}
