import type { ConsignorFields } from '../schemas/consignor.js'
import type { DriverFields } from '../schemas/driver.js'

/** What every per-user record (consignors, drivers) has besides its form's fields. */
export interface UserRecord {
  _id: number
  user_id: number
  created_at: Date
  updated_at: Date
}

/**
 * A cargo owner's record (seed 004's consignors): one per user (`user_id`,
 * unique), its integer `_id` from the `consignors` counter. `img_idcard` and
 * `app_id` appear in the seed's answers but in none of its forms: answered when
 * stored, set by nothing here yet.
 */
export interface Consignor extends ConsignorFields, UserRecord {
  img_idcard?: string
  app_id?: string
}

/**
 * A vehicle owner's record (seed 004's drivers): one per user (`user_id`,
 * unique), its integer `_id` from the `drivers` counter. `img_idcard`,
 * `app_id` and the latest position (`location`, `lng`, `lat`) appear in the
 * seed's answers but in none of its forms: answered when stored, set by
 * nothing here yet.
 */
export interface Driver extends DriverFields, UserRecord {
  img_idcard?: string
  app_id?: string
  location?: string
  lng?: number
  lat?: number
}
