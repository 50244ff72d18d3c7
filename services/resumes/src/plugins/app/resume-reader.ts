import fp from 'fastify-plugin'
import { calendarDayOf, formatCalendarDay, formatDateTime, type CalendarDay } from '@driver/kit'
import type { Static } from 'typebox'
import { fullYearsSince } from '../../domain/full-years.js'
import { ITEM_KINDS, type ItemKindName } from '../../domain/resume-items.js'
import { RESUME_DATE_FIELDS } from '../../domain/resume-fields.js'
import { NoResumeError } from '../../errors.js'
import type { ResumeSchema } from '../../schemas/resume.js'
import type { ResumeRulesOptions } from './resume-fields.js'
import type { ResumeDocument } from './resume-repository.js'

export type ResumeView = Static<typeof ResumeSchema>

export interface ResumeReader {
  /** `/wx/resume/view`: the caller's resume, its four lists expanded, its derived fields as of today. */
  view: (wxUserId: string) => Promise<ResumeView>
}

declare module 'fastify' {
  interface FastifyInstance {
    resumeReader: ResumeReader
  }
}

/** Calendar dates of the resume and of every kind of item; any other Date is an instant. */
const CALENDAR_FIELDS = new Set<string>([
  ...RESUME_DATE_FIELDS, 'birth_date', 'first_work_date', 'end_work_date',
  ...Object.values(ITEM_KINDS).flatMap(({ dateFields }) => dateFields)
])

export const resumeReader = fp<ResumeRulesOptions>(async (app, { timeZone, clock = () => new Date() }) => {
  const { resumes, resumeItems } = app

  /** Dates as answers show them: calendar dates `2010-12-01`, instants `2024-05-01 08:30:00`, in TIME_ZONE. */
  const shownDate = (name: string, value: Date): string => CALENDAR_FIELDS.has(name)
    ? formatCalendarDay(calendarDayOf(value, timeZone))
    : formatDateTime(value, timeZone)
  const shown = <T extends object>(record: T): Record<string, unknown> => Object.fromEntries(Object.entries(record)
    .map(([name, value]) => [name, value instanceof Date ? shownDate(name, value) : value]))

  /** Years counted to today, not to the last write: an age changes on the birthday without a write. */
  function yearsAsOfToday (resume: ResumeDocument, today: CalendarDay): Partial<ResumeView> {
    const since = (date: Date | undefined) =>
      date === undefined ? undefined : fullYearsSince(calendarDayOf(date, timeZone), today)
    const years = {
      age: since(resume.birth_date),
      driving_experience: since(resume.dl_first_date),
      industry_experience: since(resume.rtqc_first_date),
      work_experience: since(resume.first_work_date)
    }
    return Object.fromEntries(Object.entries(years).filter(([, value]) => value !== undefined))
  }

  const expanded = async (kind: ItemKindName, resume: ResumeDocument) =>
    (await resumeItems.findInOrder(kind, resume[ITEM_KINDS[kind].list])).map(shown)

  app.decorate('resumeReader', {
    async view (wxUserId) {
      const resume = await resumes.findByOwner(wxUserId)
      if (!resume) throw new NoResumeError()
      const kinds = ['work', 'education', 'honor', 'vehicle'] as const
      const [work, education, honor, vehicle] = await Promise.all(kinds.map((kind) => expanded(kind, resume)))
      const view = {
        ...shown(resume),
        ...yearsAsOfToday(resume, calendarDayOf(clock(), timeZone)),
        work_history: work,
        education_history: education,
        honor,
        vehicle
      }
      // Every stored field is the schema's, with its dates shown
      // as strings; the answer's schema drops the rest (work_rev).
      return view as ResumeView
    }
  } satisfies ResumeReader)
}, { name: 'resume-reader', dependencies: ['resume-repository', 'resume-item-repository'] })
