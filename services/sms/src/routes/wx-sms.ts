import fp from 'fastify-plugin'
import fastifyRateLimit from '@fastify/rate-limit'
import { RateLimitedError, clientIp, wxRoute, wxUserId } from '@driver/kit'
import { Type } from 'typebox'

export interface WxSmsRoutesOptions {
  ipSendsPerHour: number
  ipChecksPerHour: number
}

const GetCodeSchema = Type.Object({ phone: Type.String({ maxLength: 32 }) })
const CheckCodeSchema = Type.Object({ phone: Type.String({ maxLength: 32 }), code: Type.String({ maxLength: 16 }) })

const HOUR_MS = 3600 * 1000

/** `/wx/sms/get` and `/wx/sms/check` of seed 000: bind a phone to the session's WeChat user. */
export const wxSmsRoutes = fp<WxSmsRoutesOptions>(async (app, options) => {
  await app.register(fastifyRateLimit, {
    global: false,
    keyGenerator: (request) => clientIp(request),
    errorResponseBuilder: () => new RateLimitedError()
  })

  wxRoute(app, '/wx/sms/get', GetCodeSchema, async ({ phone }, request) => {
    wxUserId(request)
    await app.verification.send({ phone, purpose: 'wx_bind', ip: clientIp(request) })
    return { message: 'success' }
  }, { config: { rateLimit: { max: options.ipSendsPerHour, timeWindow: HOUR_MS } } })

  wxRoute(app, '/wx/sms/check', CheckCodeSchema, async ({ phone, code }, request) => {
    const user = wxUserId(request)
    await app.verification.verify({ phone, purpose: 'wx_bind', code }, async (verified) => {
      await app.bus.publish('sms.phone_verified', { wxUserId: user, phone: verified, verifiedAt: new Date().toISOString() }, { requestId: request.id })
    })
    return { message: 'success' }
  }, { config: { rateLimit: { max: options.ipChecksPerHour, timeWindow: HOUR_MS } } })
}, { name: 'wx-sms-routes', dependencies: ['verification', 'bus'] })
