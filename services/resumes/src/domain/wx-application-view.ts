import type { ReviewState, SalesRole, WxApplication } from '@driver/contracts'
import { SALES_ROLES } from './review-application.js'

/** The wx_user fields an application is made of (the repository's WxUser, narrowed). */
export interface ApplicantRecord {
  _id: string
  checked?: number
  nick_name?: string
  phone?: string
  contacts?: string
  contacts_num?: string
  contacts_email?: string
  business_license_image?: string
  applied_time?: Date
  role?: number
  name?: string
  identity_code?: string
  relate_image?: string
  reject_reason?: string
  reviewed_time?: Date
  reviewer_id?: number
}

const given = <T extends object>(fields: T): Partial<T> =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>

/** A wx_user as `wx_applications.*` carry it; only called for a user whose `checked` is 1, 2 or -1. */
export function wxApplicationOf (user: ApplicantRecord): WxApplication {
  const role = user.role !== undefined && SALES_ROLES.includes(user.role) ? user.role as SalesRole : undefined
  return {
    id: user._id,
    checked: user.checked as ReviewState,
    ...given({
      nickName: user.nick_name,
      phone: user.phone,
      contacts: user.contacts,
      contactsNum: user.contacts_num,
      contactsEmail: user.contacts_email,
      businessLicenseImage: user.business_license_image,
      appliedAt: user.applied_time?.toISOString(),
      role,
      name: user.name,
      identityCode: user.identity_code,
      relateImage: user.relate_image,
      rejectReason: user.reject_reason,
      reviewedAt: user.reviewed_time?.toISOString(),
      reviewerId: user.reviewer_id
    })
  }
}
