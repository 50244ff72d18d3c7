import { WxSuccessSchema, clientIp, wxRoute, wxUserId, type AppPlugin } from '@driver/kit'
import { announcePhoneVerified } from '../../../messages/phone-verified.js'
import { checkCodeExample, getCodeExample } from '../../../schemas/examples.js'
import { CheckCodeSchema, GetCodeSchema } from '../../../schemas/sms.js'

/**
 * `/wx/sms/get` and `/wx/sms/check` of seed 000: bind a phone to the session's WeChat user.
 * The code belongs to the session that asked for it: another user's checks never reach it.
 */
export const smsRoutes: AppPlugin = async (app) => {
  wxRoute(app, '/get', {
    summary: 'Send a verification code to a phone',
    description: 'At least 60 s apart and at most 10 a day per phone; sends per client IP per hour and the ' +
      "platform's hourly and daily SMS budget are limited (200 with the reason).",
    params: GetCodeSchema,
    response: WxSuccessSchema,
    example: {
      params: getCodeExample,
      response: { message: 'success' },
      refusal: { message: '发送过于频繁，请45秒后再试', code: 'SMS_RESEND_TOO_SOON' }
    }
  }, async ({ phone }, request) => {
    const user = wxUserId(request)
    await app.verification.send({ phone, purpose: 'wx_bind', ip: clientIp(request), wxUserId: user })
    return { message: 'success' as const }
  })

  wxRoute(app, '/check', {
    summary: 'Check a code; the phone is then bound to the WeChat user',
    description: 'Single use, 5 minutes, at most 5 tries, only by the session that asked for the code; checks ' +
      'per client IP per hour are limited (429). On success `sms.phone_verified` is published.',
    params: CheckCodeSchema,
    response: WxSuccessSchema,
    example: {
      params: checkCodeExample, response: { message: 'success' }, refusal: { message: '验证码错误', code: 'SMS_CODE_WRONG' }
    }
  }, async ({ phone, code }, request) => {
    const user = wxUserId(request)
    await app.verification.verify(
      { phone, purpose: 'wx_bind', code, ip: clientIp(request), wxUserId: user },
      announcePhoneVerified(app, user, request.id)
    )
    return { message: 'success' as const }
  })
}
