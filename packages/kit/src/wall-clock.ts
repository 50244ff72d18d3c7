/** A day and time as a clock on the wall shows it in some time zone. */
export interface WallClock { year: number, month: number, day: number, hour: number, minute: number, second: number }

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor (timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

type Day = Pick<WallClock, 'year' | 'month' | 'day'>

export function utcOf ({ year, month, day }: Day, hour = 0, minute = 0, second = 0): number {
  const at = new Date(0)
  at.setUTCFullYear(year, month - 1, day)
  at.setUTCHours(hour, minute, second, 0)
  return at.getTime()
}

/** How far the zone's clocks are ahead of UTC at an instant, in milliseconds (whole seconds); asks ICU. */
function offsetAt (at: number, timeZone: string): number {
  const fields: Record<string, number> = {}
  for (const { type, value } of formatterFor(timeZone).formatToParts(new Date(at))) fields[type] = Number(value)
  const day = { year: fields.year ?? 0, month: fields.month ?? 0, day: fields.day ?? 0 }
  const shown = utcOf(day, fields.hour, fields.minute, fields.second)
  return shown - Math.floor(at / 1000) * 1000
}

/** Zones change their offset on a quarter hour; the offset of every quarter hour asked about is kept. */
const QUARTER_HOUR_MS = 15 * 60 * 1000
const MAX_KEPT = 10_000
const offsets = new Map<string, Map<number, number>>()

/**
 * The zone's offset at an instant. ICU's `formatToParts` costs microseconds a call and answers show
 * many instants, so each quarter hour's offset is asked once; a quarter hour whose two ends
 * differ (a change off the quarter: local mean time before 1901 in many zones) is asked every time.
 */
function zoneOffset (at: number, timeZone: string): number {
  let zone = offsets.get(timeZone)
  if (zone === undefined) {
    zone = new Map()
    offsets.set(timeZone, zone)
  }
  const quarter = Math.floor(at / QUARTER_HOUR_MS)
  const known = zone.get(quarter)
  if (known !== undefined) return known
  const start = quarter * QUARTER_HOUR_MS
  const offset = offsetAt(start, timeZone)
  if (offsetAt(start + QUARTER_HOUR_MS - 1, timeZone) !== offset) return offsetAt(at, timeZone)
  if (zone.size >= MAX_KEPT) zone.clear()
  zone.set(quarter, offset)
  return offset
}

/** The wall-clock fields of an instant in a time zone. */
export function wallClock (at: Date, timeZone: string): WallClock {
  const time = at.getTime()
  // An invalid date is refused as ICU refuses it.
  if (Number.isNaN(time)) formatterFor(timeZone).formatToParts(at)
  const local = new Date(time + zoneOffset(time, timeZone))
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds()
  }
}
