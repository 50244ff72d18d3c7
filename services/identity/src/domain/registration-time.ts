import { parseCalendarDay, startOfDay } from '@driver/kit'

/**
 * MeFP's `reg_time` (`YYYY-MM-DD HH:mm:ss`, in TIME_ZONE) as an instant; null
 * when it is absent or not in that form, and the activation takes now instead.
 */
export function parseRegistrationTime (text: string, timeZone: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text)
  if (!match) return null
  const day = parseCalendarDay(match[1] ?? '')
  const [hours, minutes, seconds] = [match[2], match[3], match[4]].map(Number) as [number, number, number]
  if (day === null || hours > 23 || minutes > 59 || seconds > 59) return null
  // The zone's offset at midnight holds all day in zones without daylight saving (Asia/Shanghai).
  return new Date(startOfDay(day, timeZone).getTime() + ((hours * 60 + minutes) * 60 + seconds) * 1000)
}
