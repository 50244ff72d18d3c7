import type { ImageField, ImageTable } from '@driver/contracts'
import { startOfDay, type CalendarDay } from '@driver/kit'
import type { Static } from 'typebox'
import { IdNumberInvalidError } from '../errors.js'
import type { ResumeBasicFieldsSchema } from '../schemas/resume.js'
import { calendarField } from './calendar-field.js'
import { fullYearsSince } from './full-years.js'
import { parseIdNumber } from './id-number.js'

export type ResumeBasicFields = Static<typeof ResumeBasicFieldsSchema>

/** The resume's calendar-date fields: strings in requests and answers, stored as the day's start in TIME_ZONE. */
export const RESUME_DATE_FIELDS = [
  'dl_first_date', 'dl_valid_begin', 'rtqc_first_date', 'rtqc_valid_begin', 'rtqc_valid_end'
] as const
export type ResumeDateField = typeof RESUME_DATE_FIELDS[number]

/** Each image field of the resume, the media table and field its id must have been uploaded for (seed 000, 上传图片). */
export const RESUME_IMAGE_SLOTS = {
  head_image: { table: 'head_image', field: 'head_image' },
  id_image_face: { table: 'id_image', field: 'id_image_face' },
  id_image_back: { table: 'id_image', field: 'id_image_back' },
  dl_image: { table: 'driving_license_image', field: 'dl_image' },
  rtqc_image: { table: 'rtqc_image', field: 'rtqc_image' }
} as const satisfies Record<string, { table: ImageTable, field: ImageField }>
export type ResumeImageField = keyof typeof RESUME_IMAGE_SLOTS
export const RESUME_IMAGE_FIELDS = Object.keys(RESUME_IMAGE_SLOTS) as ResumeImageField[]

/**
 * The fields a blank input removes, each with what goes with it: the fields it
 * derives, an image's url. A blank text field is stored blank; a blank
 * `user_name` keeps the current one (a resume keeps a name once it has one).
 */
export const CLEARED_WITH = {
  dl_first_date: ['driving_experience'],
  dl_valid_begin: [],
  rtqc_first_date: ['industry_experience'],
  rtqc_valid_begin: [],
  rtqc_valid_end: [],
  id_num: ['birth_date', 'age', 'gender'],
  head_image: ['head_image_url'],
  id_image_face: ['id_image_face_url'],
  id_image_back: ['id_image_back_url'],
  dl_image: ['dl_image_url'],
  rtqc_image: ['rtqc_image_url']
} as const satisfies Record<ResumeDateField | ResumeImageField | 'id_num', readonly string[]>
export type ClearableResumeField = keyof typeof CLEARED_WITH
export type ClearedResumeField = ClearableResumeField | typeof CLEARED_WITH[ClearableResumeField][number]

/** The fields one `/wx/resume/opt` call removes: those sent blank, and what goes with each. */
export function clearedResumeFields (input: ResumeBasicFields): ClearedResumeField[] {
  return (Object.keys(CLEARED_WITH) as ClearableResumeField[])
    .filter((field) => input[field] === '')
    .flatMap((field) => [field, ...CLEARED_WITH[field]])
}

/** Derived by the server from the ID number and the licence dates, never taken from a client. */
export interface ResumeIdentityFields {
  birth_date?: Date
  age?: number
  gender?: '男' | '女'
  driving_experience?: number
  industry_experience?: number
}

/** The basic fields as stored, with what they derive. Image ids are left to the caller, who checks them with media. */
export type StoredBasicFields = Omit<ResumeBasicFields, ResumeDateField | ResumeImageField> &
  { [K in ResumeDateField]?: Date } & ResumeIdentityFields

function without<T extends object, K extends keyof T> (value: T, names: readonly K[]): Omit<T, K> {
  const kept: Partial<T> = { ...value }
  for (const name of names) delete kept[name]
  return kept as Omit<T, K>
}

/**
 * The changes one `/wx/resume/opt` call makes to the basic fields (DESIGN §3
 * "Derived resume fields"): dates to the day's start in TIME_ZONE; `birth_date`,
 * `age` and `gender` from a valid ID number (an invalid one is refused);
 * `driving_experience` and `industry_experience` in full years since the first
 * licence and qualification; licence classes upper-cased; at most two salaries.
 * Blank dates, ID number and `user_name` are left out (`clearedResumeFields`).
 * Throws before anything is written, so a refused call changes nothing.
 */
export function deriveResumeFields (input: ResumeBasicFields, today: CalendarDay, timeZone: string): StoredBasicFields {
  const stored: StoredBasicFields = without(input, [...RESUME_DATE_FIELDS, ...RESUME_IMAGE_FIELDS])
  const days: Partial<Record<ResumeDateField, CalendarDay>> = {}
  for (const field of RESUME_DATE_FIELDS) {
    const text = input[field]
    if (text === undefined || text === '') continue
    const day = calendarField(field, text)
    days[field] = day
    stored[field] = startOfDay(day, timeZone)
  }
  if (input.user_name === '') delete stored.user_name
  if (input.id_num === '') delete stored.id_num
  else if (input.id_num !== undefined) {
    const facts = parseIdNumber(input.id_num, today)
    if (!facts) throw new IdNumberInvalidError()
    stored.id_num = facts.idNum
    stored.birth_date = startOfDay(facts.birth, timeZone)
    stored.age = fullYearsSince(facts.birth, today)
    stored.gender = facts.gender
  }
  if (days.dl_first_date) stored.driving_experience = fullYearsSince(days.dl_first_date, today)
  if (days.rtqc_first_date) stored.industry_experience = fullYearsSince(days.rtqc_first_date, today)
  if (input.dl_license_class !== undefined) stored.dl_license_class = input.dl_license_class.trim().toUpperCase()
  if (input.expected_salary !== undefined) stored.expected_salary = input.expected_salary.slice(0, 2)
  return stored
}
