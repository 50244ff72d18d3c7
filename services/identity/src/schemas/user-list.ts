import { Type, type Static } from 'typebox'
import type { User } from '../domain/user.js'
import type { Consignor, Driver } from '../domain/user-records.js'
import { Coordinate, coordinateOrNull as coordinate, textOrEmpty as str } from './record-fields.js'

/** Seed 004 shows 20 a page; more than this many is refused rather than quietly cut. */
export const MAX_PAGE_SIZE = 100

/** `GET /users`: filters and a page. */
export const ListUsersQuerySchema = Type.Object({
  keyword: Type.Optional(Type.String({
    maxLength: 64, description: 'a literal substring of login_name, user_name, city, sign or memo (any case)'
  })),
  role: Type.Optional(Type.Integer({ minimum: 0, maximum: 9 })),
  status: Type.Optional(Type.Integer({ minimum: 0, maximum: 1 })),
  checked: Type.Optional(Type.Integer({ minimum: 0, maximum: 1 })),
  page_no: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1, description: 'from 1' }),
  page_size: Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
})
export type ListUsersQuery = Static<typeof ListUsersQuerySchema>

const ListConsignorSchema = Type.Object({
  id: Type.Integer(),
  contact_number: Type.String(),
  contact_name: Type.String(),
  company: Type.String(),
  address: Type.String(),
  app_id: Type.String()
})

const ListDriverSchema = Type.Object({
  id: Type.Integer(),
  idcard_number: Type.String(),
  contact_number: Type.String(),
  contact_name: Type.String(),
  plate_number: Type.String(),
  location: Type.String(),
  lng: Coordinate('longitude of the latest position'),
  lat: Coordinate('latitude of the latest position'),
  app_id: Type.String()
})

export const UserListItemSchema = Type.Object({
  login_name: Type.String(),
  user_id: Type.Integer(),
  user_name: Type.String(),
  role: Type.Integer(),
  city: Type.String(),
  area: Type.String(),
  checked: Type.Integer(),
  status: Type.Integer(),
  consignors: Type.Union([ListConsignorSchema, Type.Null()]),
  drivers: Type.Union([ListDriverSchema, Type.Null()])
})
export type UserListItem = Static<typeof UserListItemSchema>

export const UserListAnswerSchema = Type.Object({
  result: Type.Literal(1),
  total: Type.Integer(),
  page_no: Type.Integer(),
  page_size: Type.Integer(),
  data: Type.Array(UserListItemSchema)
})

/** One row of `GET /users`: seed 004's list fields, '' for a missing text, null for a record the user lacks. */
export function userListItemView (
  user: User, consignor: Consignor | undefined, driver: Driver | undefined
): UserListItem {
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
