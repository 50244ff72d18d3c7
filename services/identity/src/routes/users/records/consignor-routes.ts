import type { AppPlugin } from '@driver/kit'
import { ConsignorExistsError, ConsignorNotFoundError, LoginNameMismatchError } from '../../../domain/record-errors.js'
import { consignorView } from '../../../domain/record-views.js'
import { callerOf } from '../../../plugins/app/user-auth.js'
import { ConsignorAnswerSchema, CreateConsignorSchema, UpdateConsignorSchema } from '../../../schemas/consignor-record.js'
import { RecordChangedSchema, RecordCreatedSchema, RecordIdParams } from '../../../schemas/record-fields.js'
import { ownedRecord, visibleOwner } from './record-access.js'

/** `/users/consignors` (seed 004 §8–10): one cargo-owner record per user, changed only by its user. */
export const consignorRoutes: AppPlugin = async (app) => {
  app.post('/consignors', {
    schema: {
      summary: "Add the caller's consignor record",
      description: "login_name must be the caller's own; a second record for the same user is refused (409). Answers the new record's id.",
      body: CreateConsignorSchema,
      response: { 200: RecordCreatedSchema }
    }
  }, async (request) => {
    const caller = callerOf(request)
    const { login_name: loginName, ...fields } = request.body
    if (loginName !== caller.login_name) throw new LoginNameMismatchError()
    const created = await app.consignors.create(caller._id, fields, new Date())
    if (!created) throw new ConsignorExistsError()
    return { result: 1 as const, id: created._id }
  })

  app.put('/consignors/:id(^\\d+$)', {
    schema: {
      summary: "Change the caller's consignor record",
      description: "Only the record's own user; another's record the caller manages is refused (403), any other is unknown (404).",
      params: RecordIdParams,
      body: UpdateConsignorSchema,
      response: { 200: RecordChangedSchema }
    }
  }, async (request) => {
    const record = await ownedRecord(app, callerOf(request), await app.consignors.findById(request.params.id), ConsignorNotFoundError)
    await app.consignors.update(record._id, request.body, new Date())
    return { result: 1 as const }
  })

  app.get('/consignors/:id(^\\d+$)', {
    schema: {
      summary: 'A consignor record',
      description: "The caller's own, or one of a user the caller manages; any other is unknown (404).",
      params: RecordIdParams,
      response: { 200: ConsignorAnswerSchema }
    }
  }, async (request) => {
    const record = await app.consignors.findById(request.params.id)
    const owner = await visibleOwner(app, callerOf(request), record, ConsignorNotFoundError)
    return { result: 1 as const, data: consignorView(owner.record, owner.user.login_name) }
  })
}
