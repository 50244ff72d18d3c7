import type { CalendarDay } from '@driver/kit'

/**
 * Whole years from a day to `today`, as an age is counted: the count goes up on
 * the anniversary itself (29 February's on 1 March in other years). Never
 * negative: a day after `today` gives 0.
 */
export function fullYearsSince (from: CalendarDay, today: CalendarDay): number {
  const beforeAnniversary = today.month < from.month || (today.month === from.month && today.day < from.day)
  return Math.max(0, today.year - from.year - (beforeAnniversary ? 1 : 0))
}
