import { formatDateTime } from '@driver/kit'
import { Type, type Static } from 'typebox'
import type { User } from '../domain/user.js'
import type { Consignor, Driver } from '../domain/user-records.js'
import { CurrentPassword, NewPassword } from './password.js'
import { Coordinate, coordinateOrNull as coordinate, textOrEmpty as str } from './record-fields.js'

const Text = (maxLength: number, description: string) => Type.String({ maxLength, description })

/** A user id in a path: the integer from the `users` counter. */
export const UserIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }) })

/**
 * `PUT /users/:id`: the seed's profile fields (the user themself), a password
 * change with the old password (the user themself, through MeFP), and what a
 * partner or administrator manages over users in its scope.
 */
export const UpdateUserSchema = Type.Object({
  user_name: Type.Optional(Text(64, '昵称')),
  city: Type.Optional(Text(64, '所在城市')),
  sign: Type.Optional(Text(256, '签名档')),
  memo: Type.Optional(Text(500, '备注信息')),
  /** With `old_password`; the same rule as register and reset. */
  password: Type.Optional(NewPassword),
  old_password: Type.Optional(CurrentPassword),
  status: Type.Optional(Type.Integer({
    minimum: 0, maximum: 1, description: '1 enabled, 0 disabled (partners and administrators)'
  })),
  role: Type.Optional(Type.Integer({
    minimum: 0, maximum: 9, description: "below the caller's own role (partners and administrators)"
  })),
  area: Type.Optional(Type.String({
    maxLength: 64, description: "starting with the caller's own area (partners and administrators)"
  })),
  checked: Type.Optional(Type.Integer({
    minimum: 0, maximum: 1, description: '0 not reviewed, 1 checked (partners and administrators)'
  }))
})
export type UpdateUserBody = Static<typeof UpdateUserSchema>

/** The user's consignor record inside `GET /users/:id`; null when there is none. */
const DetailConsignorSchema = Type.Object({
  id: Type.Integer(),
  contact_number: Type.String(),
  contact_name: Type.String(),
  company: Type.String(),
  address: Type.String(),
  memo: Type.String(),
  img_idcard: Type.String(),
  img_org: Type.String(),
  img_biz: Type.String()
})

/** The user's driver record inside `GET /users/:id`; null when there is none. */
const DetailDriverSchema = Type.Object({
  id: Type.Integer(),
  contact_number: Type.String(),
  contact_name: Type.String(),
  plate_number: Type.String(),
  location: Type.String(),
  lng: Coordinate('longitude of the latest position'),
  lat: Coordinate('latitude of the latest position'),
  memo: Type.String(),
  img_idcard: Type.String(),
  img_car: Type.String(),
  img_driver: Type.String(),
  img_driving: Type.String(),
  img_opt: Type.String()
})

export const UserDetailSchema = Type.Object({
  login_name: Type.String(),
  user_id: Type.Integer(),
  user_name: Type.String(),
  role: Type.Integer(),
  city: Type.String(),
  area: Type.String(),
  status: Type.Integer(),
  checked: Type.Integer(),
  reg_time: Type.String({ description: 'YYYY-MM-DD HH:mm:ss in TIME_ZONE' }),
  login_time: Type.String({ description: "the latest login, '' if none" }),
  login_ip: Type.String(),
  login_count: Type.Integer(),
  sign: Type.String(),
  memo: Type.String(),
  consignors: Type.Union([DetailConsignorSchema, Type.Null()]),
  drivers: Type.Union([DetailDriverSchema, Type.Null()])
})
export type UserDetail = Static<typeof UserDetailSchema>

export const UserDetailAnswerSchema = Type.Object({ result: Type.Literal(1), data: UserDetailSchema })

/**
 * `GET /users/:id`: the user with seed 004's fields, a missing text as '', an
 * unknown position as null, and null for a consignor or driver record they lack.
 */
export function userDetailView (
  user: User, consignor: Consignor | null, driver: Driver | null, timeZone: string
): UserDetail {
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
