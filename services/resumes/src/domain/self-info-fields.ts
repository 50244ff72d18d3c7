import { formatDateTime } from '@driver/kit'

/**
 * The seed's (000) rules for a user's own wx_user record: the fields
 * `/wx/self_info/view` never answers, exactly as listed there.
 */
export const SELF_INFO_HIDDEN_FIELDS = [
  'openid', 'unionid', 'subscribe', 'subscribe_scene', 'subscribe_time',
  'access_token', 'expires_in', 'time', 'refresh_token'
] as const

/**
 * The 18 names `/wx/self_info/update` ignores, as the seed lists them
 * (`relate_image` twice). The update schema lists what may change instead, so
 * these, `_id`, `phone` (SMS only), `reject_reason` (reviewers only) and the
 * derived `business_license_image_url` never reach the store from a client.
 */
export const SELF_INFO_IGNORED_FIELDS = [
  'openid', 'unionid', 'subscribe', 'subscribe_scene', 'subscribe_time',
  'access_token', 'expires_in', 'time', 'refresh_token', 'role',
  'resume_id', 'relate_time', 'relate_id', 'relate_image', 'authenticity',
  'relate_image', 'name', 'identity_code'
] as const

const HIDDEN: ReadonlySet<string> = new Set(SELF_INFO_HIDDEN_FIELDS)

/**
 * A wx_user as its owner sees it: without the hidden fields,
 * instants as `2024-05-01 08:30:00` in TIME_ZONE (as the resume's).
 */
export function selfInfoView (user: object, timeZone: string): Record<string, unknown> {
  const view: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(user)) {
    if (HIDDEN.has(name) || value === undefined) continue
    view[name] = value instanceof Date ? formatDateTime(value, timeZone) : value
  }
  return view
}
