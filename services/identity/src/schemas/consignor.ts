import { Type, type Static } from 'typebox'
import type { Consignor } from '../domain/user-records.js'
import { OwnLoginName, RecordText, RequiredText, textOrEmpty as str } from './record-fields.js'

const contactName = RequiredText(64, '联系人')
const contactNumber = RequiredText(32, '联系电话')

/** The fields of seed 004's `/users/consignors` forms, besides `login_name`. */
const optionalFields = {
  company: Type.Optional(RecordText(128, '公司名')),
  address: Type.Optional(RecordText(256, '地址')),
  device_id: Type.Optional(RecordText(128, '手机设备号')),
  weixin_id: Type.Optional(RecordText(64, '微信号')),
  jpush_sn: Type.Optional(RecordText(128, '极光推送序列号')),
  img_org: Type.Optional(RecordText(256, '组织代码证照片')),
  img_biz: Type.Optional(RecordText(256, '营业执照证照片')),
  memo: Type.Optional(RecordText(500, '备注'))
}

export const CreateConsignorSchema = Type.Object({
  login_name: OwnLoginName, contact_name: contactName, contact_number: contactNumber, ...optionalFields
})
export const UpdateConsignorSchema = Type.Object({
  contact_name: Type.Optional(contactName), contact_number: Type.Optional(contactNumber), ...optionalFields
})

/** What a consignor record holds of the forms' fields. */
export type ConsignorFields = Static<typeof UpdateConsignorSchema>

/** `GET /users/consignors/:id`: the seed's fields, its `decice_id` spelling and `device_id` beside it. */
export const ConsignorSchema = Type.Object({
  id: Type.Integer(),
  user_id: Type.Integer(),
  login_name: Type.String(),
  company: Type.String(),
  address: Type.String(),
  contact_name: Type.String(),
  contact_number: Type.String(),
  decice_id: Type.String({ description: "the seed's spelling of device_id" }),
  device_id: Type.String(),
  weixin_id: Type.String(),
  jpush_sn: Type.String(),
  img_org: Type.String(),
  img_biz: Type.String(),
  memo: Type.String()
})
export const ConsignorAnswerSchema = Type.Object({ result: Type.Literal(1), data: ConsignorSchema })

/** A stored consignor record as `GET /users/consignors/:id` shows it, with its user's login name. */
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
