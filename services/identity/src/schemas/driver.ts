import { Type, type Static } from 'typebox'
import type { Driver } from '../domain/user-records.js'
import { OwnLoginName, RecordText, RequiredText, textOrEmpty as str } from './record-fields.js'

const plateNumber = RequiredText(16, '车牌')
const contactName = RequiredText(64, '联系人')
const contactNumber = RequiredText(32, '联系电话')

/** The fields of seed 004's `/users/drivers` forms, besides `login_name`. */
const optionalFields = {
  idcard_number: Type.Optional(Type.String({
    pattern: '^$|^[0-9]{17}[0-9Xx]$', description: '身份证号: 18 characters, or empty to clear'
  })),
  driving_license: Type.Optional(RecordText(32, '驾驶证编号')),
  locate_number: Type.Optional(RecordText(32, '定位手机')),
  device_id: Type.Optional(RecordText(128, '手机设备号')),
  weixin_id: Type.Optional(RecordText(64, '微信号')),
  jpush_sn: Type.Optional(RecordText(128, '极光推送序列号')),
  img_car: Type.Optional(RecordText(256, '车身照片')),
  img_driver: Type.Optional(RecordText(256, '驾驶证证照片')),
  img_driving: Type.Optional(RecordText(256, '行驶证照证照片')),
  img_opt: Type.Optional(RecordText(256, '营运证照片')),
  memo: Type.Optional(RecordText(500, '备注'))
}

export const CreateDriverSchema = Type.Object({
  login_name: OwnLoginName,
  plate_number: plateNumber,
  contact_name: contactName,
  contact_number: contactNumber,
  ...optionalFields
})
export const UpdateDriverSchema = Type.Object({
  plate_number: Type.Optional(plateNumber),
  contact_name: Type.Optional(contactName),
  contact_number: Type.Optional(contactNumber),
  ...optionalFields
})

/** What a driver record holds of the forms' fields. */
export type DriverFields = Static<typeof UpdateDriverSchema>

/** `GET /users/drivers/:id`: the seed's fields, its `decice_id` spelling and `device_id` beside it. */
export const DriverSchema = Type.Object({
  id: Type.Integer(),
  user_id: Type.Integer(),
  login_name: Type.String(),
  plate_number: Type.String(),
  contact_name: Type.String(),
  contact_number: Type.String(),
  idcard_number: Type.String(),
  driving_license: Type.String(),
  locate_number: Type.String(),
  decice_id: Type.String({ description: "the seed's spelling of device_id" }),
  device_id: Type.String(),
  weixin_id: Type.String(),
  jpush_sn: Type.String(),
  img_car: Type.String(),
  img_driver: Type.String(),
  img_driving: Type.String(),
  img_opt: Type.String(),
  memo: Type.String()
})
export const DriverAnswerSchema = Type.Object({ result: Type.Literal(1), data: DriverSchema })

/** A stored driver record as `GET /users/drivers/:id` shows it, with its user's login name. */
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
