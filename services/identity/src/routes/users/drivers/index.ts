import type { AppPlugin } from '@driver/kit'
import { DriverExistsError, DriverNotFoundError, LoginNameMismatchError } from '../../../errors.js'
import { callerOf } from '../../../plugins/app/user-auth.js'
import { CreateDriverSchema, DriverAnswerSchema, UpdateDriverSchema, driverView } from '../../../schemas/driver.js'
import { RecordChangedSchema, RecordCreatedSchema, RecordIdParams } from '../../../schemas/record-fields.js'
import { requireUserInScope } from '../../../plugins/app/token-docs.js'
import { withExamples, withPropertyExamples } from '@driver/kit'
import { PHONE, driverExample } from '../../../schemas/examples.js'

/** Plates are kept upper-case, as the resumes service keeps them (DESIGN §3). */
const withPlateUpperCased = <F extends { plate_number?: string }>(fields: F): F =>
  fields.plate_number === undefined ? fields : { ...fields, plate_number: fields.plate_number.toUpperCase() }

/**
 * `PUT <prefix>/:id`: a driver record changed by its user. Served at `/users/drivers/:id`
 * and, as seed 004's table spells it, `/users/driver/:id` (routes/users/driver/).
 */
export const driverChangeRoute: AppPlugin = async (app) => {
  app.put('/:id(^\\d+$)', {
    schema: {
      summary: "Change the caller's driver record",
      description: "Only the record's own user; another's record the caller manages is refused (403), " +
        'any other is unknown (404).',
      params: withPropertyExamples(RecordIdParams, { id: 5 }),
      body: withExamples(UpdateDriverSchema, { plate_number: '津A12345', memo: 'A2 驾照，常跑京津冀' }),
      response: { 200: withExamples(RecordChangedSchema, { result: 1 }) }
    }
  }, async (request) => {
    const found = await app.drivers.findById(request.params.id)
    const record = await app.recordAccess.changeable(callerOf(request), found, DriverNotFoundError)
    await app.drivers.update(record._id, withPlateUpperCased(request.body), new Date())
    return { result: 1 as const }
  })
}

/** `/users/drivers` (seed 004 §11–13): one vehicle-owner record per user, changed only by its user. */
export const driversRoutes: AppPlugin = async (app) => {
  requireUserInScope(app)

  app.post('', {
    schema: {
      summary: "Add the caller's driver record",
      description: "login_name must be the caller's own; a second record for the same user is refused (409). " +
        "Answers the new record's id.",
      body: withExamples(CreateDriverSchema, {
        login_name: PHONE, plate_number: '津A12345', contact_name: '张建国', contact_number: PHONE
      }),
      response: { 200: withExamples(RecordCreatedSchema, { result: 1, id: 5 }) }
    }
  }, async (request) => {
    const caller = callerOf(request)
    const { login_name: loginName, ...fields } = request.body
    if (loginName !== caller.login_name) throw new LoginNameMismatchError()
    const created = await app.drivers.create(caller._id, withPlateUpperCased(fields), new Date())
    if (!created) throw new DriverExistsError()
    return { result: 1 as const, id: created._id }
  })

  await app.register(driverChangeRoute)

  app.get('/:id(^\\d+$)', {
    schema: {
      summary: 'A driver record',
      description: "The caller's own, or one of a user the caller manages; any other is unknown (404).",
      params: withPropertyExamples(RecordIdParams, { id: 5 }),
      response: { 200: withExamples(DriverAnswerSchema, { result: 1, data: driverExample }) }
    }
  }, async (request) => {
    const found = await app.drivers.findById(request.params.id)
    const { record, user } = await app.recordAccess.readable(callerOf(request), found, DriverNotFoundError)
    return { result: 1 as const, data: driverView(record, user.login_name) }
  })
}
