import type { ImageField, ImageTable } from '@driver/contracts'
import { startOfDay } from '@driver/kit'
import type { Static, TObject } from 'typebox'
import { DatesReversedError } from '../errors.js'
import { EducationHistoryFieldsSchema } from '../schemas/education-history.js'
import { HonorFieldsSchema } from '../schemas/honor.js'
import type { ResumeExtendSchema } from '../schemas/resume-extend.js'
import { VehicleFieldsSchema } from '../schemas/vehicle.js'
import { WorkHistoryFieldsSchema } from '../schemas/work-history.js'
import { calendarField } from './calendar-field.js'

export type ExtendParams = Static<typeof ResumeExtendSchema>

/** Where each kind of item lives and how `/wx/resume/extend` names it (seed 000, 简历扩展信息). */
export interface ItemKind {
  /** Its collection, and the resume's list of its ids: the same name in the seed. */
  list: 'work_history' | 'education_history' | 'honor' | 'vehicle'
  /** The parameter naming one item for update and delete, and the answer's id after an add. */
  idParam: 'w_id' | 'e_id' | 'h_id' | 'v_id'
  fields: TObject
  dateFields: readonly string[]
  /** The item's `image_id`: the media table it must come from. */
  image?: { table: ImageTable, field: ImageField }
  upperCased: readonly string[]
  /** A field and the parameter read in its place when it is absent (the seed's honour example posts `begin`). */
  aliases?: Readonly<Record<string, keyof ExtendParams>>
}

export const ITEM_KINDS = {
  work: {
    list: 'work_history', idParam: 'w_id', fields: WorkHistoryFieldsSchema, dateFields: ['begin', 'end'], upperCased: []
  },
  education: {
    list: 'education_history', idParam: 'e_id', fields: EducationHistoryFieldsSchema, dateFields: ['begin', 'end'],
    upperCased: []
  },
  honor: {
    list: 'honor', idParam: 'h_id', fields: HonorFieldsSchema, dateFields: ['time'],
    image: { table: 'honor_image', field: 'image_id' }, upperCased: [], aliases: { time: 'begin' }
  },
  vehicle: {
    list: 'vehicle', idParam: 'v_id', fields: VehicleFieldsSchema, dateFields: ['register_date', 'issued_date'],
    image: { table: 'vehicle_image', field: 'image_id' }, upperCased: ['plate_number']
  }
} as const satisfies Record<string, ItemKind>

export type ItemKindName = keyof typeof ITEM_KINDS
export type ItemAction = 'add' | 'update' | 'delete'

const OPERATION = /^(add|update|delete)_(work|education|honor|vehicle)$/

/** `add_work` → add a work item; null for anything else (the seed's 12 operations only). */
export function parseOperation (opt: string): { action: ItemAction, kind: ItemKindName } | null {
  const match = OPERATION.exec(opt)
  if (!match) return null
  return { action: match[1] as ItemAction, kind: match[2] as ItemKindName }
}

/** The item date fields of all kinds. */
export type ItemDateField = 'begin' | 'end' | 'time' | 'register_date' | 'issued_date'

/** Any kind's fields as stored: its dates as the day's start in TIME_ZONE. */
export type StoredItemFields =
  Omit<ExtendParams, 'resume_id' | 'opt' | 'w_id' | 'e_id' | 'h_id' | 'v_id' | ItemDateField> &
  { [K in ItemDateField]?: Date }

/** The parameters with each of the kind's absent fields read from its alias. */
function withAliases (kind: ItemKindName, params: ExtendParams): ExtendParams {
  const { aliases = {} }: ItemKind = ITEM_KINDS[kind]
  const given: Record<string, unknown> = { ...params }
  for (const [field, alias] of Object.entries(aliases)) {
    if (given[field] === undefined && given[alias] !== undefined) given[field] = given[alias]
  }
  // The alias and its field share a schema type (both dates).
  return given as ExtendParams
}

/**
 * The fields of one kind picked from the extend parameters, as stored: dates to
 * the day's start in TIME_ZONE, plate numbers upper-cased. `image_id` is left to
 * the caller, who checks it with media. Other kinds' fields are ignored, and so
 * are blank dates (`clearedItemFields`).
 */
export function itemFields (kind: ItemKindName, params: ExtendParams, timeZone: string): StoredItemFields {
  const { fields, dateFields, upperCased } = ITEM_KINDS[kind]
  const stored: Record<string, string | number | Date> = {}
  const given: Record<string, unknown> = withAliases(kind, params)
  for (const name of Object.keys(fields.properties)) {
    const value = given[name]
    if (name === 'image_id' || (typeof value !== 'string' && typeof value !== 'number')) continue
    const isDate = (dateFields as readonly string[]).includes(name)
    if (isDate && value === '') continue
    if (typeof value === 'string' && isDate) stored[name] = startOfDay(calendarField(name, value), timeZone)
    else if (typeof value === 'string' && (upperCased as readonly string[]).includes(name)) {
      stored[name] = value.trim().toUpperCase()
    } else stored[name] = value
  }
  // Built by name from the kind's own schema, whose fields are a subset of these.
  return stored as StoredItemFields
}

/** An item field a blank input removes: its dates, and its image with the image's url. */
export type ClearedItemField = ItemDateField | 'image_id' | 'image_url'

/**
 * The fields of one kind an update removes because they were sent blank: a job's
 * `end` left blank means the job goes on. A blank text field is stored blank.
 */
export function clearedItemFields (kind: ItemKindName, params: ExtendParams): ClearedItemField[] {
  const { dateFields, image }: ItemKind = ITEM_KINDS[kind]
  const given = withAliases(kind, params)
  const dates = (dateFields as readonly ItemDateField[]).filter((name) => given[name] === '')
  return image && given.image_id === '' ? [...dates, 'image_id', 'image_url'] : dates
}

/** A period ends no earlier than it begins: checked on the item as it will be after the change. */
export function checkPeriod (item: { begin?: unknown, end?: unknown }): void {
  if (item.begin instanceof Date && item.end instanceof Date && item.end < item.begin) throw new DatesReversedError()
}
