import type { AppPlugin } from '@driver/kit'
import { DriverExistsError, DriverNotFoundError, LoginNameMismatchError } from '../../../domain/record-errors.js'
import { driverView } from '../../../domain/record-views.js'
import { callerOf } from '../../../plugins/app/user-auth.js'
import { CreateDriverSchema, DriverAnswerSchema, UpdateDriverSchema } from '../../../schemas/driver-record.js'
import { RecordChangedSchema, RecordCreatedSchema, RecordIdParams } from '../../../schemas/record-fields.js'
import { ownedRecord, visibleOwner } from './record-access.js'

/** Plates are kept upper-case, as the resumes service keeps them (DESIGN §3). */
const withPlateUpperCased = <F extends { plate_number?: string }>(fields: F): F =>
  fields.plate_number === undefined ? fields : { ...fields, plate_number: fields.plate_number.toUpperCase() }

/**
 * `/users/drivers` (seed 004 §11–13): one vehicle-owner record per user,
 * changed only by its user; `PUT /users/driver/:id` is the seed's table's
 * spelling of the same change.
 */
export const driverRoutes: AppPlugin = async (app) => {
  app.post('/drivers', {
    schema: {
      summary: "Add the caller's driver record",
      description: "login_name must be the caller's own; a second record for the same user is refused (409). Answers the new record's id.",
      body: CreateDriverSchema,
      response: { 200: RecordCreatedSchema }
    }
  }, async (request) => {
    const caller = callerOf(request)
    const { login_name: loginName, ...fields } = request.body
    if (loginName !== caller.login_name) throw new LoginNameMismatchError()
    const created = await app.drivers.create(caller._id, withPlateUpperCased(fields), new Date())
    if (!created) throw new DriverExistsError()
    return { result: 1 as const, id: created._id }
  })

  const updateSchema = {
    summary: "Change the caller's driver record",
    description: "Only the record's own user; another's record the caller manages is refused (403), any other is unknown (404).",
    params: RecordIdParams,
    body: UpdateDriverSchema,
    response: { 200: RecordChangedSchema }
  }
  // Seed 004's table names the change `/users/driver/:id`, its section `/users/drivers/:id`: both answer.
  for (const url of ['/drivers/:id(^\\d+$)', '/driver/:id(^\\d+$)']) {
    app.put(url, { schema: updateSchema }, async (request) => {
      const record = await ownedRecord(app, callerOf(request), await app.drivers.findById(request.params.id), DriverNotFoundError)
      await app.drivers.update(record._id, withPlateUpperCased(request.body), new Date())
      return { result: 1 as const }
    })
  }

  app.get('/drivers/:id(^\\d+$)', {
    schema: {
      summary: 'A driver record',
      description: "The caller's own, or one of a user the caller manages; any other is unknown (404).",
      params: RecordIdParams,
      response: { 200: DriverAnswerSchema }
    }
  }, async (request) => {
    const record = await app.drivers.findById(request.params.id)
    const owner = await visibleOwner(app, callerOf(request), record, DriverNotFoundError)
    return { result: 1 as const, data: driverView(owner.record, owner.user.login_name) }
  })
}
