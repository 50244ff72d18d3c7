import { ObjectIdString } from '@driver/contracts'
import { Type } from 'typebox'
import { DateInput, DateTimeText, Text } from './common.js'

/** A school or a training of the driver's (seed 000, 教育经历): what `add_education` / `update_education` take. */
export const EducationHistoryFieldsSchema = Type.Object({
  level: Type.Optional(Text(20, '小学/初中/高中/高等教育/培训机构/其他')),
  begin: Type.Optional(DateInput('start')),
  end: Type.Optional(DateInput('end')),
  school_name: Type.Optional(Text(100)),
  major: Type.Optional(Text(100))
})

/** An education entry as `/wx/resume/view` shows it. */
export const EducationHistorySchema = Type.Object({
  _id: ObjectIdString,
  driver_id: Type.String({ ...ObjectIdString, description: 'the resume' }),
  ...EducationHistoryFieldsSchema.properties,
  create_date: DateTimeText('set by the server')
})
