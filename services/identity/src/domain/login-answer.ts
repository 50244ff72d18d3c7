import { formatDateTime } from '@driver/kit'
import type { User } from '../plugins/app/user-repository.js'
import type { LoginAnswer } from '../schemas/accounts.js'

/** The few fields of a consignor or driver record the login answer shows (collections `consignors` and `drivers`). */
export interface LoginRecord {
  _id: number
  contact_number?: string
  contact_name?: string
  company?: string
  address?: string
  plate_number?: string
  memo?: string
}

const str = (value: string | undefined | null): string => value ?? ''

/**
 * Seed 004's login answer. `user` is as it was before this login, so
 * login_time, login_ip and login_count are the previous login's; a value the
 * user lacks is "" (the seed: null becomes ""), a record they lack is null.
 */
export function loginAnswerOf (user: User, token: string, consignor: LoginRecord | null, driver: LoginRecord | null, timeZone: string): LoginAnswer {
  return {
    result: 1,
    data: {
      token,
      login_name: user.login_name,
      user_id: user._id,
      user_name: str(user.user_name),
      role: user.role,
      checked: user.checked,
      status: user.status,
      reg_time: formatDateTime(user.reg_time, timeZone),
      login_time: user.login_time ? formatDateTime(user.login_time, timeZone) : '',
      login_ip: str(user.login_ip),
      login_count: user.login_count,
      sign: str(user.sign),
      consignors: consignor && {
        id: consignor._id,
        contact_number: str(consignor.contact_number),
        contact_name: str(consignor.contact_name),
        company: str(consignor.company),
        address: str(consignor.address),
        memo: str(consignor.memo)
      },
      drivers: driver && {
        id: driver._id,
        contact_number: str(driver.contact_number),
        contact_name: str(driver.contact_name),
        plate_number: str(driver.plate_number),
        memo: str(driver.memo)
      }
    }
  }
}
