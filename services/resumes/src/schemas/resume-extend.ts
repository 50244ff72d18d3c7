import { Type } from 'typebox'
import { RecordIdInput } from './common.js'
import { EducationHistoryFieldsSchema } from './education-history.js'
import { HonorFieldsSchema } from './honor.js'
import { VehicleFieldsSchema } from './vehicle.js'
import { WorkHistoryFieldsSchema } from './work-history.js'

const ItemId = (description: string) => Type.Optional(RecordIdInput(description))

/**
 * `/wx/resume/extend`: the resume, the operation and the item's fields. One
 * schema for the 12 operations, as the seed posts them all to one address; each
 * operation reads only its own item's fields. `opt` is any string here so that
 * an unknown one is told so by name.
 */
export const ResumeExtendSchema = Type.Object({
  resume_id: ItemId('the caller\'s resume (optional: the caller has at most one)'),
  opt: Type.String({ maxLength: 32, description: 'add_/update_/delete_ + work, education, honor or vehicle' }),
  w_id: ItemId('the job, for update_work / delete_work'),
  e_id: ItemId('the education entry, for update_education / delete_education'),
  h_id: ItemId('the award, for update_honor / delete_honor'),
  v_id: ItemId('the vehicle, for update_vehicle / delete_vehicle'),
  ...WorkHistoryFieldsSchema.properties,
  ...EducationHistoryFieldsSchema.properties,
  ...HonorFieldsSchema.properties,
  ...VehicleFieldsSchema.properties
})

/** Success; an `add_` also names the new item, by the id parameter the other operations take. */
export const ResumeExtendAnswerSchema = Type.Object({
  message: Type.Literal('success'),
  w_id: Type.Optional(Type.String()),
  e_id: Type.Optional(Type.String()),
  h_id: Type.Optional(Type.String()),
  v_id: Type.Optional(Type.String())
})
