import fastifyRateLimit from '@fastify/rate-limit'
import { RateLimitedError, WxSuccessSchema, clientIp, wxRoute, wxUserId, type AppPlugin } from '@driver/kit'
import { announcePhoneVerified } from '../../../messages/phone-verified.js'
import { CheckCodeSchema, GetCodeSchema } from '../../../schemas/sms.js'

export interface SmsRoutesOptions {
  ipSendsPerHour: number
  ipChecksPerHour: number
}

const HOUR_MS = 3600 * 1000

/** `/wx/sms/get` and `/wx/sms/check` of seed 000: bind a phone to the session's WeChat user. */
export const smsRoutes: AppPlugin<SmsRoutesOptions> = async (app, { ipSendsPerHour, ipChecksPerHour }) => {
  await app.register(fastifyRateLimit, {
    global: false,
    keyGenerator: (request) => clientIp(request),
    errorResponseBuilder: () => new RateLimitedError()
  })

  wxRoute(app, '/get', {
    summary: 'Send a verification code to a phone',
    description: 'At least 60 s apart and at most 10 a day per phone; per client IP limited per hour (429).',
    params: GetCodeSchema,
    response: WxSuccessSchema
  }, async ({ phone }, request) => {
    wxUserId(request)
    await app.verification.send({ phone, purpose: 'wx_bind', ip: clientIp(request) })
    return { message: 'success' as const }
  }, { rateLimit: { max: ipSendsPerHour, timeWindow: HOUR_MS } })

  wxRoute(app, '/check', {
    summary: 'Check a code; the phone is then bound to the WeChat user',
    description: 'Single use, 5 minutes, at most 5 tries. On success `sms.phone_verified` is published.',
    params: CheckCodeSchema,
    response: WxSuccessSchema
  }, async ({ phone, code }, request) => {
    const user = wxUserId(request)
    await app.verification.verify({ phone, purpose: 'wx_bind', code }, announcePhoneVerified(app, user, request.id))
    return { message: 'success' as const }
  }, { rateLimit: { max: ipChecksPerHour, timeWindow: HOUR_MS } })
}
