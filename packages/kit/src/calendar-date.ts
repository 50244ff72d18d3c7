import { Type } from 'typebox'
import { utcOf, wallClock } from './wall-clock.js'

/** A day on the calendar, as the pages send it (`2010-12-1`) and people mean it: no time, no zone. */
export interface CalendarDay {
  year: number
  month: number
  day: number
}

/**
 * A date parameter (DESIGN §3 "Dates"): `2010-12-1` or `2010-12-01`, a calendar
 * date in the platform's TIME_ZONE. The pattern is the shape only; the route
 * turns it into a day with `parseCalendarDay`, which refuses `2010-2-30`.
 */
export const CalendarDate = Type.String({
  pattern: '^\\d{4}-\\d{1,2}-\\d{1,2}$', description: 'a calendar date, `2010-12-1` or `2010-12-01`'
})

const SHAPE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/

/** The day a `CalendarDate` names, or null when there is no such day (month 13, 30 February). */
export function parseCalendarDay (text: string): CalendarDay | null {
  const match = SHAPE.exec(text)
  if (!match) return null
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number]
  const probe = new Date(0)
  probe.setUTCFullYear(year, month - 1, day)
  if (year < 1000 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null
  return { year, month, day }
}

/** The day an instant falls on in a time zone. */
export function calendarDayOf (at: Date, timeZone: string): CalendarDay {
  const { year, month, day } = wallClock(at, timeZone)
  return { year, month, day }
}

/** The instant a day starts in a time zone: what is stored for a calendar date. */
export function startOfDay (day: CalendarDay, timeZone: string): Date {
  const target = utcOf(day)
  // Two passes: the zone's offset at the first guess may differ from the one at midnight (DST).
  let at = target
  for (let pass = 0; pass < 2; pass++) {
    const shown = wallClock(new Date(at), timeZone)
    at += target - utcOf(shown, shown.hour, shown.minute, shown.second)
  }
  return new Date(at)
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0')

/** `2010-12-01`: how answers show a calendar date. */
export function formatCalendarDay ({ year, month, day }: CalendarDay): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`
}

/** `2010-12-01 08:30:00` in a time zone: how answers show an instant (as seed 004 does). */
export function formatDateTime (at: Date, timeZone: string): string {
  const { hour, minute, second, ...day } = wallClock(at, timeZone)
  return `${formatCalendarDay(day)} ${pad(hour)}:${pad(minute)}:${pad(second)}`
}
