/** Mainland China mobile numbers: 11 digits, 1 then 3–9. */
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/

export function isMainlandMobile (phone: string): boolean {
  return MAINLAND_MOBILE.test(phone)
}

/** Accepts the forms people type (`+86 138-1234-5678`) and returns the bare 11 digits, or null. */
export function normalizePhone (input: string): string | null {
  const digits = input.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '')
  return isMainlandMobile(digits) ? digits : null
}
