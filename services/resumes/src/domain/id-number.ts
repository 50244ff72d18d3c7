import type { CalendarDay } from '@driver/kit'

/** What an 18-digit resident ID number (GB 11643-1999) tells about its holder. */
export interface IdNumberFacts {
  /** The number as stored: a final `x` upper-cased. */
  idNum: string
  birth: CalendarDay
  /** The 17th digit: odd for men, even for women. */
  gender: '男' | '女'
}

const SHAPE = /^[1-9]\d{16}[\dX]$/
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARACTERS = '10X98765432'

/** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function idNumberCheckCharacter (first17: string): string {
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(first17[index]), 0)
  return CHECK_CHARACTERS[sum % 11] ?? ''
}

const isBefore = (a: CalendarDay, b: CalendarDay): boolean =>
  a.year !== b.year ? a.year < b.year : a.month !== b.month ? a.month < b.month : a.day < b.day

/**
 * The holder's birth date and gender, or null when the number is not a valid
 * 18-digit ID: wrong shape, wrong check character, a birth date that does not
 * exist, lies before 1900 or after `today`.
 */
export function parseIdNumber (text: string, today: CalendarDay): IdNumberFacts | null {
  const idNum = text.trim().toUpperCase()
  if (!SHAPE.test(idNum)) return null
  if (idNumberCheckCharacter(idNum.slice(0, 17)) !== idNum[17]) return null
  const birth = {
    year: Number(idNum.slice(6, 10)), month: Number(idNum.slice(10, 12)), day: Number(idNum.slice(12, 14))
  }
  const probe = new Date(Date.UTC(birth.year, birth.month - 1, birth.day))
  if (probe.getUTCMonth() !== birth.month - 1 || probe.getUTCDate() !== birth.day) return null
  if (birth.year < 1900 || isBefore(today, birth)) return null
  return { idNum, birth, gender: Number(idNum[16]) % 2 === 1 ? '男' : '女' }
}
