import type { AppPlugin } from '@driver/kit'
import { ConsignorExistsError, ConsignorNotFoundError, LoginNameMismatchError } from '../../../errors.js'
import { callerOf } from '../../../plugins/app/user-auth.js'
import {
  ConsignorAnswerSchema, CreateConsignorSchema, UpdateConsignorSchema, consignorView
} from '../../../schemas/consignor.js'
import { RecordChangedSchema, RecordCreatedSchema, RecordIdParams } from '../../../schemas/record-fields.js'
import { requireUserInScope } from '../../../plugins/app/token-docs.js'
import { withExamples, withPropertyExamples } from '@driver/kit'
import { consignorExample } from '../../../schemas/examples.js'

const consignorFields = {
  contact_name: '李红', contact_number: '13912345678', company: '天津顺达物流有限公司', address: '天津市滨海新区港城大道 88 号'
}

/** `/users/consignors` (seed 004 §8–10): one cargo-owner record per user, changed only by its user. */
export const consignorsRoutes: AppPlugin = async (app) => {
  requireUserInScope(app)

  app.post('', {
    schema: {
      summary: "Add the caller's consignor record",
      description: "login_name must be the caller's own; a second record for the same user is refused (409). " +
        "Answers the new record's id.",
      body: withExamples(CreateConsignorSchema, { login_name: '13912345678', ...consignorFields }),
      response: { 200: withExamples(RecordCreatedSchema, { result: 1, id: 3 }) }
    }
  }, async (request) => {
    const caller = callerOf(request)
    const { login_name: loginName, ...fields } = request.body
    if (loginName !== caller.login_name) throw new LoginNameMismatchError()
    const created = await app.consignors.create(caller._id, fields, new Date())
    if (!created) throw new ConsignorExistsError()
    return { result: 1 as const, id: created._id }
  })

  app.put('/:id(^\\d+$)', {
    schema: {
      summary: "Change the caller's consignor record",
      description: "Only the record's own user; another's record the caller manages is refused (403), " +
        'any other is unknown (404).',
      params: withPropertyExamples(RecordIdParams, { id: 3 }),
      body: withExamples(UpdateConsignorSchema, consignorFields),
      response: { 200: withExamples(RecordChangedSchema, { result: 1 }) }
    }
  }, async (request) => {
    const found = await app.consignors.findById(request.params.id)
    const record = await app.recordAccess.changeable(callerOf(request), found, ConsignorNotFoundError)
    await app.consignors.update(record._id, request.body, new Date())
    return { result: 1 as const }
  })

  app.get('/:id(^\\d+$)', {
    schema: {
      summary: 'A consignor record',
      description: "The caller's own, or one of a user the caller manages; any other is unknown (404).",
      params: withPropertyExamples(RecordIdParams, { id: 3 }),
      response: { 200: withExamples(ConsignorAnswerSchema, { result: 1, data: consignorExample }) }
    }
  }, async (request) => {
    const found = await app.consignors.findById(request.params.id)
    const { record, user } = await app.recordAccess.readable(callerOf(request), found, ConsignorNotFoundError)
    return { result: 1 as const, data: consignorView(record, user.login_name) }
  })
}
