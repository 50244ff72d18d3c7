import { formatDateTime } from '@driver/kit'
import type { Consignor } from '../plugins/app/consignor-repository.js'
import type { Driver } from '../plugins/app/driver-repository.js'
import type { User } from '../plugins/app/user-repository.js'
import type { Static } from 'typebox'
import type { ConsignorSchema } from '../schemas/consignor-record.js'
import type { DriverSchema } from '../schemas/driver-record.js'
import type { UserListItem } from '../schemas/user-listing.js'
import type { UserDetail } from '../schemas/user-record.js'

/**
 * How `/users` answers show a user and its records: seed 004's fields, a
 * missing text as '' (the seed: "值为null时,取key=\"\""), an unknown position as
 * null, and a user without a consignor or driver record with null in its place.
 */
const str = (value: string | undefined): string => value ?? ''
const coordinate = (value: number | undefined): number | null => value ?? null

export function consignorView (consignor: Consignor, loginName: string): Static<typeof ConsignorSchema> {
  return {
    id: consignor._id,
    user_id: consignor.user_id,
    login_name: loginName,
    company: str(consignor.company),
    address: str(consignor.address),
    contact_name: str(consignor.contact_name),
    contact_number: str(consignor.contact_number),
    decice_id: str(consignor.device_id),
    device_id: str(consignor.device_id),
    weixin_id: str(consignor.weixin_id),
    jpush_sn: str(consignor.jpush_sn),
    img_org: str(consignor.img_org),
    img_biz: str(consignor.img_biz),
    memo: str(consignor.memo)
  }
}

export function driverView (driver: Driver, loginName: string): Static<typeof DriverSchema> {
  return {
    id: driver._id,
    user_id: driver.user_id,
    login_name: loginName,
    plate_number: str(driver.plate_number),
    contact_name: str(driver.contact_name),
    contact_number: str(driver.contact_number),
    idcard_number: str(driver.idcard_number),
    driving_license: str(driver.driving_license),
    locate_number: str(driver.locate_number),
    decice_id: str(driver.device_id),
    device_id: str(driver.device_id),
    weixin_id: str(driver.weixin_id),
    jpush_sn: str(driver.jpush_sn),
    img_car: str(driver.img_car),
    img_driver: str(driver.img_driver),
    img_driving: str(driver.img_driving),
    img_opt: str(driver.img_opt),
    memo: str(driver.memo)
  }
}

/** `GET /users/:id`. */
export function userDetailView (user: User, consignor: Consignor | null, driver: Driver | null, timeZone: string): UserDetail {
  return {
    login_name: user.login_name,
    user_id: user._id,
    user_name: str(user.user_name),
    role: user.role,
    city: str(user.city),
    area: user.area,
    status: user.status,
    checked: user.checked,
    reg_time: formatDateTime(user.reg_time, timeZone),
    login_time: user.login_time ? formatDateTime(user.login_time, timeZone) : '',
    login_ip: str(user.login_ip),
    login_count: user.login_count,
    sign: str(user.sign),
    memo: str(user.memo),
    consignors: consignor && {
      id: consignor._id,
      contact_number: str(consignor.contact_number),
      contact_name: str(consignor.contact_name),
      company: str(consignor.company),
      address: str(consignor.address),
      memo: str(consignor.memo),
      img_idcard: str(consignor.img_idcard),
      img_org: str(consignor.img_org),
      img_biz: str(consignor.img_biz)
    },
    drivers: driver && {
      id: driver._id,
      contact_number: str(driver.contact_number),
      contact_name: str(driver.contact_name),
      plate_number: str(driver.plate_number),
      location: str(driver.location),
      lng: coordinate(driver.lng),
      lat: coordinate(driver.lat),
      memo: str(driver.memo),
      img_idcard: str(driver.img_idcard),
      img_car: str(driver.img_car),
      img_driver: str(driver.img_driver),
      img_driving: str(driver.img_driving),
      img_opt: str(driver.img_opt)
    }
  }
}

/** One row of `GET /users`. */
export function userListItemView (user: User, consignor: Consignor | undefined, driver: Driver | undefined): UserListItem {
  return {
    login_name: user.login_name,
    user_id: user._id,
    user_name: str(user.user_name),
    role: user.role,
    city: str(user.city),
    area: user.area,
    checked: user.checked,
    status: user.status,
    consignors: consignor
      ? {
          id: consignor._id,
          contact_number: str(consignor.contact_number),
          contact_name: str(consignor.contact_name),
          company: str(consignor.company),
          address: str(consignor.address),
          app_id: str(consignor.app_id)
        }
      : null,
    drivers: driver
      ? {
          id: driver._id,
          idcard_number: str(driver.idcard_number),
          contact_number: str(driver.contact_number),
          contact_name: str(driver.contact_name),
          plate_number: str(driver.plate_number),
          location: str(driver.location),
          lng: coordinate(driver.lng),
          lat: coordinate(driver.lat),
          app_id: str(driver.app_id)
        }
      : null
  }
}
