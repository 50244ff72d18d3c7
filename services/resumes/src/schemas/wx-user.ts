import { ObjectIdString } from '@driver/contracts'
import { DateTimeText } from './common.js'
import { Type } from 'typebox'

const Text = (maxLength: number, description?: string) => Type.String({
  maxLength, ...(description ? { description } : {})
})
/** Empty clears it; otherwise something that looks like an address (the mail server has the last word). */
const Email = Type.String({ maxLength: 254, pattern: '^$|^[^\\s@]+@[^\\s@]+$' })
/** `<img src>` on the pages: only http(s), or empty to clear. */
const ImageUrl = Type.String({ maxLength: 1024, pattern: '^$|^https?://' })
const Sex = Type.Integer({ minimum: 0, maximum: 2, description: "WeChat's: 0 unknown, 1 male, 2 female" })

/**
 * What `/wx/self_info/view` answers: the seed's wx_user model without the 9
 * fields it hides. Listing them also keeps anything else (tokens) out of the answer.
 */
export const SelfInfoSchema = Type.Object({
  _id: ObjectIdString,
  phone: Type.Optional(Type.String({ description: 'set only by SMS verification' })),
  phone_verified_at: Type.Optional(DateTimeText('when the phone was verified by SMS')),
  email: Type.Optional(Type.String()),
  address: Type.Optional(Type.String()),
  nick_name: Type.Optional(Type.String()),
  sex: Type.Optional(Type.Integer()),
  country: Type.Optional(Type.String()),
  province: Type.Optional(Type.String()),
  city: Type.Optional(Type.String()),
  head_img_url: Type.Optional(Type.String()),
  role: Type.Optional(Type.Integer({ description: '1 sales, 2 agency, 3 broker; absent or 0 an ordinary user' })),
  resume_id: Type.Optional(ObjectIdString),
  relate_time: Type.Optional(DateTimeText('when the user was related to a company')),
  relate_id: Type.Optional(ObjectIdString),
  checked: Type.Optional(Type.Integer({ description: 'absent/0 no application, 1 applied, 2 approved, -1 rejected' })),
  reject_reason: Type.Optional(Type.String({ description: 'why the application was rejected, while checked is -1' })),
  applied_time: Type.Optional(DateTimeText('when the user last applied for review')),
  reviewed_time: Type.Optional(DateTimeText('when a reviewer decided the application')),
  authenticity: Type.Optional(Type.Boolean()),
  relate_image: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  contacts: Type.Optional(Type.String()),
  contacts_num: Type.Optional(Type.String()),
  contacts_email: Type.Optional(Type.String()),
  identity_code: Type.Optional(Type.String()),
  business_license_image: Type.Optional(ObjectIdString),
  business_license_image_url: Type.Optional(Type.String())
})

export const SelfInfoAnswerSchema = Type.Object({ message: Type.Literal('success'), data: SelfInfoSchema })

export const ViewSelfInfoSchema = Type.Object({})

/**
 * `/wx/self_info/update`: the fields a user may change. Everything else the seed
 * ignores (its 18 names, `_id`) and what DESIGN §3 withholds (`phone`,
 * `reject_reason`) is dropped unread; `business_license_image_url` comes from media.
 */
export const UpdateSelfInfoSchema = Type.Object({
  email: Type.Optional(Email),
  address: Type.Optional(Text(200)),
  nick_name: Type.Optional(Text(64)),
  sex: Type.Optional(Sex),
  country: Type.Optional(Text(64)),
  province: Type.Optional(Text(64)),
  city: Type.Optional(Text(64)),
  head_img_url: Type.Optional(ImageUrl),
  checked: Type.Optional(Type.Integer({
    description: 'only 1: apply for review, from no application, a rejected one, or a waiting one'
  })),
  contacts: Type.Optional(Text(64, 'the agency\'s contact person')),
  contacts_num: Type.Optional(Text(32, 'the agency\'s contact phone')),
  contacts_email: Type.Optional(Email),
  business_license_image: Type.Optional(Type.String({
    ...ObjectIdString,
    description: 'an image the user uploaded through /wx/auto_download/business_license_image ' +
      'or /wx/resume_image/save/business_license_image'
  }))
})
