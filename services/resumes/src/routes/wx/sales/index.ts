import { wxRoute, wxUserId, type AppPlugin } from '@driver/kit'
import { isApprovedSales } from '../../../domain/review-application.js'
import { NotApprovedSalesError, WxUserNotFoundError } from '../../../errors.js'
import { salesDriversAnswerExample, salesDriversQueryExample } from '../../../schemas/examples.js'
import { SalesDriversAnswerSchema, SalesDriversQuerySchema } from '../../../schemas/sales.js'

/** `/wx/sales/*`: what an approved sales person, agency or broker sees of their own drivers. */
export const salesRoutes: AppPlugin = async (app) => {
  wxRoute(app, '/drivers', {
    summary: 'The drivers attributed to the approved sales person or agency',
    description: 'Drivers whose relate_id is the caller, the latest attributed first (relate_time), with whether ' +
      'they still follow the official account and a few fields of their resumes; phones masked. Only for a ' +
      'reviewed and approved caller (checked 2, role 1–3): RESUMES_NOT_APPROVED_SALES otherwise.',
    params: SalesDriversQuerySchema,
    response: SalesDriversAnswerSchema,
    example: {
      params: salesDriversQueryExample,
      response: salesDriversAnswerExample,
      refusal: { message: '仅限审核通过的销售人员或中介商使用', code: 'RESUMES_NOT_APPROVED_SALES' }
    }
  }, async ({ page_no: pageNo, page_size: pageSize }, request) => {
    const id = wxUserId(request)
    const user = await app.wxUsers.findById(id)
    if (!user) throw new WxUserNotFoundError()
    if (!isApprovedSales(user)) throw new NotApprovedSalesError()
    const { total, data } = await app.attributedDrivers.page(id, pageNo, pageSize)
    return { message: 'success' as const, total, page_no: pageNo, page_size: pageSize, data }
  })
}
