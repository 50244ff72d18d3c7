import { ImageContentType, ObjectIdString, type WxApplication } from '@driver/contracts'
import { formatDateTime } from '@driver/kit'
import { Type, type Static } from 'typebox'
import { MAX_PAGE_SIZE } from './user-list.js'
import { textOrEmpty as str } from './record-fields.js'

/**
 * `/users/wx_applications`: the WeChat users' applications to be sales people,
 * agencies or brokers (seed 000's `checked`), for administrators to decide.
 */
const ReviewStateQuery = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(-1)], {
  default: 1, description: '1 waiting (default), 2 approved, -1 rejected'
})

export const ListWxApplicationsQuerySchema = Type.Object({
  checked: ReviewStateQuery,
  page_no: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1, description: 'from 1' }),
  page_size: Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
})

export const WxApplicationParams = Type.Object({ id: ObjectIdString })

/** One body for both decisions; which fields it needs depends on `checked` (the route checks). */
export const DecideWxApplicationSchema = Type.Object({
  checked: Type.Union([Type.Literal(2), Type.Literal(-1)], { description: '2 approve, -1 reject' }),
  role: Type.Optional(Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)], {
    description: 'approving: 1 sales person, 2 agency, 3 broker'
  })),
  name: Type.Optional(Type.String({ maxLength: 64, description: "approving: the agency's or sales person's name" })),
  identity_code: Type.Optional(Type.String({
    maxLength: 64, description: "approving: the agency's licence number or the sales person's ID number"
  })),
  reject_reason: Type.Optional(Type.String({
    maxLength: 500, description: 'rejecting: the reason the applicant reads'
  }))
})
export type DecideWxApplicationBody = Static<typeof DecideWxApplicationSchema>

export const WxApplicationRowSchema = Type.Object({
  id: Type.String({ description: "the WeChat user's id" }),
  checked: Type.Integer({ description: '1 waiting, 2 approved, -1 rejected' }),
  nick_name: Type.String(),
  phone: Type.String({ description: 'verified by SMS' }),
  contacts: Type.String(),
  contacts_num: Type.String(),
  contacts_email: Type.String(),
  applied_time: Type.String({ description: 'YYYY-MM-DD HH:mm:ss in TIME_ZONE' }),
  business_license: Type.String({
    description: "the licence photo's path (needs the reviewer's token), '' when the applicant gave none"
  }),
  role: Type.Integer({ description: '0 until approved' }),
  name: Type.String(),
  identity_code: Type.String(),
  relate_image: Type.String({ description: "the approved person's QR code picture" }),
  reject_reason: Type.String(),
  reviewed_time: Type.String(),
  reviewer_id: Type.Integer({ description: '0 until decided' })
})
export type WxApplicationRow = Static<typeof WxApplicationRowSchema>

export const WxApplicationListAnswerSchema = Type.Object({
  result: Type.Literal(1),
  total: Type.Integer(),
  page_no: Type.Integer(),
  page_size: Type.Integer(),
  data: Type.Array(WxApplicationRowSchema)
})

export const WxApplicationAnswerSchema = Type.Object({ result: Type.Literal(1), data: WxApplicationRowSchema })

const instant = (iso: string | undefined, timeZone: string): string =>
  iso === undefined ? '' : formatDateTime(new Date(iso), timeZone)

/** An application as `/users` answers it: seed 000's names, '' for what is missing (as seed 004 does). */
export function wxApplicationRow (application: WxApplication, licencePath: string, timeZone: string): WxApplicationRow {
  const { id } = application
  return {
    id,
    checked: application.checked,
    nick_name: str(application.nickName),
    phone: str(application.phone),
    contacts: str(application.contacts),
    contacts_num: str(application.contactsNum),
    contacts_email: str(application.contactsEmail),
    applied_time: instant(application.appliedAt, timeZone),
    business_license: application.businessLicenseImage === undefined ? '' : licencePath,
    role: application.role ?? 0,
    name: str(application.name),
    identity_code: str(application.identityCode),
    relate_image: str(application.relateImage),
    reject_reason: str(application.rejectReason),
    reviewed_time: instant(application.reviewedAt, timeZone),
    reviewer_id: application.reviewerId ?? 0
  }
}

/**
 * `GET /users/wx_applications/:id/business_license`: the photo in its own type. Bytes are sent
 * as they are (never serialised), so this only tells the document what comes back.
 */
export const LicencePhotoSchema = {
  description: 'the photo\'s bytes, in its own type',
  content: Object.fromEntries(ImageContentType.anyOf.map((type) => [type.const, {
    schema: { type: 'string', format: 'binary' }
  }]))
}
