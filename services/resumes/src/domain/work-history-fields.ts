import { calendarDayOf, type CalendarDay } from '@driver/kit'
import { fullYearsSince } from './full-years.js'

/** What the resume's work-derived fields are computed from: the jobs in its list. */
export interface Job {
  begin?: Date
  end?: Date
  enterprise_name?: string
  create_date: Date
}

/** The resume fields seed 000 keeps in sync with the work history. */
export interface WorkHistoryFields {
  first_work_date?: Date
  end_work_date?: Date
  last_company?: string
  work_experience?: number
}

export type WorkHistoryFieldName = keyof WorkHistoryFields

export const WORK_HISTORY_FIELDS: readonly WorkHistoryFieldName[] = [
  'first_work_date', 'end_work_date', 'last_company', 'work_experience'
]

const compare = (a: number, b: number): number => (a === b ? 0 : a < b ? -1 : 1)

/**
 * Orders jobs by recency: the one that ends later, a job without an end (still
 * going on) after every other; then the later begin; then the later entry.
 */
function byRecency (a: Job, b: Job): number {
  return compare(a.end?.getTime() ?? Infinity, b.end?.getTime() ?? Infinity) ||
    compare(a.begin?.getTime() ?? -Infinity, b.begin?.getTime() ?? -Infinity) ||
    compare(a.create_date.getTime(), b.create_date.getTime())
}

function extreme (dates: ReadonlyArray<Date | undefined>, pick: (...values: number[]) => number): Date | undefined {
  const known = dates.filter((date): date is Date => date !== undefined).map((date) => date.getTime())
  return known.length === 0 ? undefined : new Date(pick(...known))
}

/**
 * The work-derived fields of a resume with these jobs: `first_work_date` the
 * earliest begin, `end_work_date` the latest end (absent when no job has one,
 * so clearing the history removes it, as the seed asks), `last_company` the most
 * recent job's company, `work_experience` the full years since `first_work_date`.
 * A field with no value is absent from the result: the caller unsets it.
 */
export function deriveWorkHistoryFields (
  jobs: readonly Job[], today: CalendarDay, timeZone: string
): WorkHistoryFields {
  const fields: WorkHistoryFields = {}
  const first = extreme(jobs.map((job) => job.begin), Math.min)
  const end = extreme(jobs.map((job) => job.end), Math.max)
  const company = [...jobs].sort(byRecency).at(-1)?.enterprise_name
  if (first) {
    fields.first_work_date = first
    fields.work_experience = fullYearsSince(calendarDayOf(first, timeZone), today)
  }
  if (end) fields.end_work_date = end
  if (company) fields.last_company = company
  return fields
}
