import { wxRoute, wxUserId, type AppPlugin } from '@driver/kit'
import type { Static } from 'typebox'
import { REVIEW_APPLIED } from '../../../domain/review-application.js'
import { selfInfoView } from '../../../domain/self-info-fields.js'
import { CheckedValueError, ReviewLockedError, WxUserNotFoundError } from '../../../errors.js'
import type { ProfileChanges, WxUser } from '../../../plugins/app/wx-user-repository.js'
import { selfInfoAnswerExample, updateSelfInfoExample } from '../../../schemas/examples.js'
import {
  SelfInfoAnswerSchema, UpdateSelfInfoSchema, ViewSelfInfoSchema, type SelfInfoSchema
} from '../../../schemas/wx-user.js'

/** `/wx/self_info/view` and `/update` of seed 000: the session user's own wx_user record. */
export const selfInfoRoutes: AppPlugin<{ timeZone: string }> = async (app, { timeZone }) => {
  // The answer's schema lists the visible fields, so it also drops anything the view let through.
  const answer = (user: WxUser) => ({
    message: 'success' as const, data: selfInfoView(user, timeZone) as Static<typeof SelfInfoSchema>
  })

  wxRoute(app, '/view', {
    summary: 'The WeChat user\'s own profile',
    description: 'Without the 9 fields the seed hides (openid, unionid, subscribe*, the WeChat tokens); ' +
      'with resume_id.',
    params: ViewSelfInfoSchema,
    response: SelfInfoAnswerSchema,
    example: { params: {}, response: selfInfoAnswerExample }
  }, async (_params, request) => {
    const user = await app.wxUsers.findById(wxUserId(request))
    if (!user) throw new WxUserNotFoundError()
    return answer(user)
  })

  wxRoute(app, '/update', {
    summary: 'Change the WeChat user\'s own profile',
    description: 'Fields outside this list are ignored (the seed\'s 18, `_id`, `phone`, `reject_reason`). ' +
      '`checked` only 1, to apply for review (not once approved). `business_license_image` must be the user\'s ' +
      'upload for that field; its url comes from media. Answers the updated profile as /view does.',
    params: UpdateSelfInfoSchema,
    response: SelfInfoAnswerSchema,
    example: {
      params: updateSelfInfoExample,
      response: selfInfoAnswerExample,
      refusal: { message: '审核已通过，不能重新申请', code: 'RESUMES_REVIEW_LOCKED' }
    }
  }, async ({ checked, business_license_image: imageId, ...fields }, request) => {
    const id = wxUserId(request)
    if (checked !== undefined && checked !== REVIEW_APPLIED) throw new CheckedValueError()
    const changes: ProfileChanges = { ...fields }
    if (imageId !== undefined) {
      const image = await app.imageCheck.verify(id, imageId, {
        table: 'business_license_image', field: 'business_license_image', requestId: request.id
      })
      changes.business_license_image = image.id
      changes.business_license_image_url = image.url
    }
    const updated = await app.wxUsers.updateProfile(id, changes, { applyForReview: checked === REVIEW_APPLIED })
    if (updated) return answer(updated)
    // Nothing changed: either the user is gone or their review no longer takes an application.
    if (!await app.wxUsers.findById(id)) throw new WxUserNotFoundError()
    throw new ReviewLockedError()
  })
}
