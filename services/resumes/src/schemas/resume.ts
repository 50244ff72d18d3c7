import { ObjectIdString } from '@driver/contracts'
import { Type } from 'typebox'
import { DateInput, DateText, DateTimeText, ImageIdInput, RecordIdInput, Text } from './common.js'
import { EducationHistorySchema } from './education-history.js'
import { HonorSchema } from './honor.js'
import { VehicleSchema } from './vehicle.js'
import { WorkHistorySchema } from './work-history.js'

/**
 * The resume's basic fields (seed 000, 简历模型: not lists, not derived), each
 * typed. `app_id`, `wx_id`, `phone` (the user's verified phone), the derived
 * fields and the `*_url` fields are not here: whatever a client sends for them
 * is dropped before the handler runs. A blank date, ID number or image id
 * removes the field; a blank `user_name` keeps the current one.
 */
export const ResumeBasicFieldsSchema = Type.Object({
  user_name: Type.Optional(Type.String({
    maxLength: 32, description: 'unique; the verified phone until the user picks one; blank keeps the current one'
  })),
  real_name: Type.Optional(Text(32)),
  head_image: Type.Optional(ImageIdInput('photo, uploaded to /wx/auto_download/head_image')),
  married: Type.Optional(Type.Integer({ minimum: -1, maximum: 1, description: '0 single, 1 married, -1 divorced' })),
  birth_place: Type.Optional(Text(100)),
  living_place: Type.Optional(Text(100)),
  address: Type.Optional(Text(200)),
  email: Type.Optional(Type.String({ maxLength: 100, pattern: '^$|^[^\\s@]+@[^\\s@]+$' })),
  id_num: Type.Optional(Type.String({
    maxLength: 32,
    description: '18-digit ID number, checksum verified; gives birth_date, age and gender; blank removes all four'
  })),
  id_image_face: Type.Optional(ImageIdInput('ID card front, uploaded to /wx/auto_download/id_image')),
  id_image_back: Type.Optional(ImageIdInput('ID card back, uploaded to /wx/auto_download/id_image')),
  education: Type.Optional(Type.Integer({
    minimum: 1, maximum: 4, description: '1 primary, 2 secondary, 3 college, 4 bachelor or above'
  })),
  status: Type.Optional(Type.Integer({
    minimum: -1, maximum: 1, description: '-1 self-employed, 0 between jobs, 1 employed'
  })),
  dl_image: Type.Optional(ImageIdInput('driving licence, uploaded to /wx/auto_download/driving_license_image')),
  dl_license_class: Type.Optional(Type.String({
    maxLength: 16, description: 'licence classes (A2, B2…), stored upper-cased'
  })),
  dl_first_date: Type.Optional(DateInput('first licence; gives driving_experience')),
  dl_valid_begin: Type.Optional(DateInput('licence valid from')),
  dl_valid_duration: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, description: 'years' })),
  rtqc_image: Type.Optional(ImageIdInput('road transport qualification, uploaded to /wx/auto_download/rtqc_image')),
  rtqc_license_class: Type.Optional(Text(50, '货物运输驾驶员/危险货物运输驾驶员')),
  rtqc_first_date: Type.Optional(DateInput('first qualification; gives industry_experience')),
  rtqc_valid_begin: Type.Optional(DateInput('qualification valid from')),
  rtqc_valid_end: Type.Optional(DateInput('qualification valid until')),
  want_job: Type.Optional(Type.Boolean({ description: 'looking for a job: only then are jobs recommended' })),
  remote: Type.Optional(Type.Boolean({ description: 'willing to work away from home' })),
  target_city: Type.Optional(Text(50)),
  expected_regions: Type.Optional(Type.Array(Text(12, 'region code'), { maxItems: 100 })),
  expected_salary: Type.Optional(Type.Array(Type.Integer({ minimum: 0, maximum: 10_000_000 }), {
    maxItems: 100, description: '[low, high] or [low]; more than two: the rest is dropped'
  })),
  routes: Type.Optional(Type.Array(Type.Array(Text(50, 'city'), { maxItems: 100 }), {
    maxItems: 100, description: 'routes the driver knows, each a list of cities'
  })),
  self_evaluation: Type.Optional(Text(2000))
})

/** `/wx/resume/opt`: the basic fields; `_id`, when given, must be the caller's resume. */
export const ResumeOptSchema = Type.Object({
  _id: Type.Optional(RecordIdInput('the resume (optional, blank as not sent; the caller has at most one)')),
  ...ResumeBasicFieldsSchema.properties
})

export const ResumeOptAnswerSchema = Type.Object({
  message: Type.Literal('success'),
  resume_id: Type.String({ description: 'the caller\'s resume, created by the first call' })
})

const Url = (description: string) => Type.Optional(Type.String({ description }))

/** A resume as `/wx/resume/view` shows it: basic fields, urls from media, derived fields, the four lists expanded. */
export const ResumeSchema = Type.Object({
  _id: ObjectIdString,
  wx_id: Type.String({ description: 'the WeChat user' }),
  ...ResumeBasicFieldsSchema.properties,
  phone: Type.Optional(Type.String({
    description: 'the user\'s verified phone (sms.phone_verified), recruiters\' number to call; ' +
      'never taken from a client'
  })),
  head_image_url: Url('from the media service'),
  id_image_face_url: Url('from the media service'),
  id_image_back_url: Url('from the media service'),
  dl_image_url: Url('from the media service'),
  rtqc_image_url: Url('from the media service'),
  gender: Type.Optional(Type.Union([Type.Literal('男'), Type.Literal('女')], { description: 'from id_num' })),
  birth_date: Type.Optional(DateText('from id_num')),
  age: Type.Optional(Type.Integer({ description: 'full years, from birth_date, today in TIME_ZONE' })),
  driving_experience: Type.Optional(Type.Integer({ description: 'full years since dl_first_date' })),
  industry_experience: Type.Optional(Type.Integer({ description: 'full years since rtqc_first_date' })),
  work_experience: Type.Optional(Type.Integer({ description: 'full years since first_work_date' })),
  first_work_date: Type.Optional(DateText('earliest begin of the work history')),
  end_work_date: Type.Optional(DateText('latest end of the work history; absent without one')),
  last_company: Type.Optional(Type.String({ description: 'company of the most recent job' })),
  work_history: Type.Array(WorkHistorySchema),
  education_history: Type.Array(EducationHistorySchema),
  honor: Type.Array(HonorSchema),
  vehicle: Type.Array(VehicleSchema),
  create_date: DateTimeText('set by the server'),
  update_date: DateTimeText('every change, also of the lists')
})

export const ResumeViewAnswerSchema = Type.Object({
  message: Type.Literal('success'),
  data: ResumeSchema
})
