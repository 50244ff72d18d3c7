import type { AppPlugin } from '@driver/kit'
import type { FastifyRequest } from 'fastify'
import { ADMIN_ROLE } from '../../../domain/user.js'
import {
  ApplicationDecidedError, ApprovalFieldsError, LicenceNotFoundError, RejectReasonRequiredError, ReviewerOnlyError
} from '../../../errors.js'
import {
  createQrCode, decideApplication, findApplication, readLicence, type DecisionPayload
} from '../../../messages/wx-applications-requests.js'
import { callerOf } from '../../../plugins/app/user-auth.js'
import {
  DecideWxApplicationSchema, ListWxApplicationsQuerySchema, WxApplicationAnswerSchema, WxApplicationListAnswerSchema,
  LicencePhotoSchema, WxApplicationParams, wxApplicationRow, type DecideWxApplicationBody
} from '../../../schemas/wx-application.js'
import { requireUserInScope } from '../../../plugins/app/token-docs.js'
import { withExamples, withPropertyExamples } from '@driver/kit'
import { wxApplicationExample } from '../../../schemas/examples.js'

/** Where a reviewer sees an applicant's licence photo: through this service, with the reviewer's token. */
const licencePath = (id: string) => `/users/wx_applications/${id}/business_license`

/** The decision a body asks for, with what it needs; a field of the other decision is ignored. */
function decisionOf (body: DecideWxApplicationBody, relateImage = ''): DecisionPayload['decision'] {
  if (body.checked === -1) {
    const reason = body.reject_reason?.trim() ?? ''
    if (reason === '') throw new RejectReasonRequiredError()
    return { checked: -1, rejectReason: reason }
  }
  const name = body.name?.trim() ?? ''
  const identityCode = body.identity_code?.trim() ?? ''
  if (body.role === undefined || name === '' || identityCode === '') throw new ApprovalFieldsError()
  return { checked: 2, role: body.role, name, identityCode, relateImage }
}

/**
 * `/users/wx_applications` (DESIGN: "Attribution is first touch"): administrators
 * review the WeChat users' applications to be sales people, agencies or brokers.
 * The applications are the resumes service's and the QR codes WeChat's (through
 * media): every step is a bus request.
 */
export const wxApplicationsRoutes: AppPlugin<{ timeZone: string }> = async (app, { timeZone }) => {
  requireUserInScope(app)
  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (callerOf(request).role !== ADMIN_ROLE) throw new ReviewerOnlyError()
  })

  app.get('', {
    schema: {
      summary: 'Sales and agency applications',
      description: 'Administrators (role 9) only. checked 1 (default) the waiting ones, oldest first; 2 approved ' +
        'and -1 rejected, the latest decision first. Paged as GET /users.',
      querystring: withPropertyExamples(ListWxApplicationsQuerySchema, { checked: 1, page_no: 1, page_size: 20 }),
      response: {
        200: withExamples(WxApplicationListAnswerSchema, {
          result: 1, total: 1, page_no: 1, page_size: 20, data: [wxApplicationExample]
        })
      }
    }
  }, async (request) => {
    const { checked, page_no: pageNo, page_size: pageSize } = request.query
    const { total, items } = await app.bus.request('wx_applications.list', { checked, pageNo, pageSize }, {
      requestId: request.id
    })
    const data = items.map((item) => wxApplicationRow(item, licencePath(item.id), timeZone))
    return { result: 1 as const, total, page_no: pageNo, page_size: pageSize, data }
  })

  app.put('/:id', {
    schema: {
      summary: 'Approve or reject an application',
      description: 'checked 2 with role (1 sales, 2 agency, 3 broker), name and identity_code approves: the ' +
        "person's permanent QR code is made (scene = their id) and kept as relate_image. checked -1 with " +
        'reject_reason rejects. Only a waiting application (checked 1) is decided, once: 409 otherwise.',
      params: withPropertyExamples(WxApplicationParams, { id: wxApplicationExample.id }),
      body: withExamples(DecideWxApplicationSchema, {
        checked: 2, role: 2, name: '天津顺达物流有限公司', identity_code: '91120116MA05K8XX3Q'
      }),
      response: {
        200: withExamples(WxApplicationAnswerSchema, {
          result: 1, data: { ...wxApplicationExample, checked: 2, role: 2 }
        })
      }
    }
  }, async (request) => {
    const { id } = request.params
    const reviewerId = callerOf(request)._id
    let decision = decisionOf(request.body)
    if (decision.checked === 2) {
      // Checked first so a decided application costs no WeChat call; the decision itself is conditional.
      const application = await findApplication(app, id, request.id)
      if (application.checked !== 1) throw new ApplicationDecidedError()
      decision = decisionOf(request.body, await createQrCode(app, id, request.id))
    }
    const decided = await decideApplication(app, { id, reviewerId, decision }, request.id)
    return { result: 1 as const, data: wxApplicationRow(decided, licencePath(id), timeZone) }
  })

  app.get('/:id/business_license', {
    exposeHeadRoute: false,
    schema: {
      summary: "An applicant's business licence photo",
      description: 'Administrators only: personal data, never at a URL anyone can open. Not cached.',
      params: withPropertyExamples(WxApplicationParams, { id: wxApplicationExample.id }),
      response: { 200: LicencePhotoSchema }
    }
  }, async (request, reply) => {
    const application = await findApplication(app, request.params.id, request.id)
    if (application.businessLicenseImage === undefined) throw new LicenceNotFoundError()
    const photo = await readLicence(app, application.businessLicenseImage, request.id)
    return reply.type(photo.contentType).header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff').header('etag', `"${photo.sha256}"`).send(photo.bytes)
  })
}
