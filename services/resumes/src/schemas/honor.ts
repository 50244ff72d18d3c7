import { ObjectIdString } from '@driver/contracts'
import { Type } from 'typebox'
import { DateInput, DateTimeText, ImageIdInput, Text } from './common.js'

/** An award (seed 000, 所获荣誉): what `add_honor` / `update_honor` take. */
export const HonorFieldsSchema = Type.Object({
  time: Type.Optional(DateInput('when it was awarded (`begin` is read when `time` is absent)')),
  title: Type.Optional(Text(100)),
  info: Type.Optional(Text(1000)),
  image_id: Type.Optional(ImageIdInput('its certificate, uploaded to /wx/auto_download/honor_image'))
})

/** An award as `/wx/resume/view` shows it. */
export const HonorSchema = Type.Object({
  _id: ObjectIdString,
  driver_id: Type.String({ ...ObjectIdString, description: 'the resume' }),
  ...HonorFieldsSchema.properties,
  image_url: Type.Optional(Type.String({ description: 'from the media service' })),
  create_date: DateTimeText('set by the server')
})
