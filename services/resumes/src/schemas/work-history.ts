import { ObjectIdString } from '@driver/contracts'
import { Type } from 'typebox'
import { DateInput, DateTimeText, Text, VehicleSize } from './common.js'

/** A job of the driver's (seed 000, 工作经历): what `add_work` / `update_work` take. */
export const WorkHistoryFieldsSchema = Type.Object({
  begin: Type.Optional(DateInput('start of the job')),
  end: Type.Optional(DateInput('end of the job; absent while it goes on')),
  enterprise_name: Type.Optional(Text(100, 'company')),
  enterprise_class: Type.Optional(Text(50, 'kind of company')),
  industry: Type.Optional(Text(50)),
  enterprise_scale: Type.Optional(Type.Integer({
    minimum: -1, maximum: 1_000_000, description: '50/100/500/1000 = at most that many people, -1 more than 1000'
  })),
  dept_name: Type.Optional(Text(50)),
  post_name: Type.Optional(Text(50, '驾驶员/车队经理/其他 or the user\'s own')),
  team_size: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  vehicle_type: Type.Optional(Text(50, 'GB 1589 kind of vehicle')),
  vehicle_load: Type.Optional(VehicleSize('tonnes')),
  vehicle_length: Type.Optional(VehicleSize('metres')),
  description: Type.Optional(Text(2000)),
  achievement: Type.Optional(Text(2000))
})

/** A job as `/wx/resume/view` shows it. */
export const WorkHistorySchema = Type.Object({
  _id: ObjectIdString,
  driver_id: Type.String({ ...ObjectIdString, description: 'the resume' }),
  ...WorkHistoryFieldsSchema.properties,
  create_date: DateTimeText('set by the server')
})
