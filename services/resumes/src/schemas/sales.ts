import { Type } from 'typebox'
import { DateTimeText } from './common.js'

/** `/wx/sales/drivers`: a page of the drivers attributed to the caller; seed 000's lists show 20. */
export const SalesDriversQuerySchema = Type.Object({
  page_no: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1, description: 'from 1' }),
  page_size: Type.Integer({ minimum: 1, maximum: 100, default: 20 })
})

export const AttributedDriverSchema = Type.Object({
  relate_time: Type.Optional(DateTimeText('when the driver was attributed to the caller')),
  nick_name: Type.Optional(Type.String()),
  subscribe: Type.Integer({ description: '1 while the driver follows the official account, else 0' }),
  real_name: Type.Optional(Type.String()),
  phone: Type.Optional(Type.String({ description: 'masked: 138****5678' })),
  want_job: Type.Optional(Type.Boolean()),
  driving_experience: Type.Optional(Type.Integer({ description: 'full years since dl_first_date, as of today' })),
  dl_license_class: Type.Optional(Type.String())
})

export const SalesDriversAnswerSchema = Type.Object({
  message: Type.Literal('success'),
  total: Type.Integer(),
  page_no: Type.Integer(),
  page_size: Type.Integer(),
  data: Type.Array(AttributedDriverSchema)
})
