import type { Static } from 'typebox'
import type { CheckAnswerSchema, LoginAnswerSchema } from './accounts.js'
import type { ConsignorSchema } from './consignor.js'
import type { DriverSchema } from './driver.js'
import type { UserListAnswerSchema } from './user-list.js'
import type { UserDetailAnswerSchema } from './user.js'
import type { WxApplicationRowSchema } from './wx-application.js'

/** What the API document shows: a driver, 张建国, whose login name is his phone. */
export const PHONE = '13812345678'

/** The example driver as both the record and the list show it. */
const driverPlace = {
  id: 5,
  contact_number: PHONE,
  contact_name: '张建国',
  plate_number: '津A12345',
  location: '天津市滨海新区',
  lng: 117.70,
  lat: 39.03
}

const TOKEN = 'eyJ1IjoxMiwibiI6IjEzODEyMzQ1Njc4In0.Zm9yIGV4YW1wbGUgb25seQ'

export const loginAnswerExample: Static<typeof LoginAnswerSchema> = {
  result: 1,
  data: {
    token: TOKEN,
    login_name: PHONE,
    user_id: 12,
    user_name: '张建国',
    role: 0,
    checked: 1,
    status: 1,
    reg_time: '2024-03-02 09:15:00',
    login_time: '2024-05-01 07:58:12',
    login_ip: '223.104.3.27',
    login_count: 17,
    sign: '安全驾驶，准时送达',
    consignors: null,
    drivers: { id: 5, contact_number: PHONE, contact_name: '张建国', plate_number: '津A12345', memo: '' }
  }
}

export const checkAnswerExample: Static<typeof CheckAnswerSchema> = {
  result: 1, data: { reg_app: 'driver-h5', reg_time: '2024-03-02 09:15:00' }
}

export const consignorExample: Static<typeof ConsignorSchema> = {
  id: 3,
  user_id: 20,
  login_name: '13912345678',
  company: '天津顺达物流有限公司',
  address: '天津市滨海新区港城大道 88 号',
  contact_name: '李红',
  contact_number: '13912345678',
  decice_id: '',
  device_id: '',
  weixin_id: 'lihong_sd',
  jpush_sn: '',
  img_org: '',
  img_biz: '',
  memo: ''
}

export const driverExample: Static<typeof DriverSchema> = {
  id: 5,
  user_id: 12,
  login_name: PHONE,
  plate_number: '津A12345',
  contact_name: '张建国',
  contact_number: PHONE,
  idcard_number: '130102198503157311',
  driving_license: '130102198503157311',
  locate_number: PHONE,
  decice_id: '',
  device_id: '',
  weixin_id: 'zhangjg_1985',
  jpush_sn: '',
  img_car: '',
  img_driver: '',
  img_driving: '',
  img_opt: '',
  memo: 'A2 驾照，常跑京津冀'
}

export const userDetailAnswerExample: Static<typeof UserDetailAnswerSchema> = {
  result: 1,
  data: {
    login_name: PHONE,
    user_id: 12,
    user_name: '张建国',
    role: 0,
    city: '天津',
    area: '',
    status: 1,
    checked: 1,
    reg_time: '2024-03-02 09:15:00',
    login_time: '2024-05-01 08:30:00',
    login_ip: '223.104.3.27',
    login_count: 18,
    sign: '安全驾驶，准时送达',
    memo: '',
    consignors: null,
    drivers: {
      ...driverPlace,
      memo: 'A2 驾照，常跑京津冀',
      img_idcard: '',
      img_car: '',
      img_driver: '',
      img_driving: '',
      img_opt: ''
    }
  }
}

export const userListAnswerExample: Static<typeof UserListAnswerSchema> = {
  result: 1,
  total: 1,
  page_no: 1,
  page_size: 20,
  data: [{
    login_name: PHONE,
    user_id: 12,
    user_name: '张建国',
    role: 0,
    city: '天津',
    area: '1201',
    checked: 1,
    status: 1,
    consignors: null,
    drivers: {
      ...driverPlace,
      idcard_number: '130102198503157311',
      app_id: ''
    }
  }]
}

export const wxApplicationExample: Static<typeof WxApplicationRowSchema> = {
  id: '6650a1f2c3d4e5f601234500',
  checked: 1,
  nick_name: '小王',
  phone: '13712345678',
  contacts: '王磊',
  contacts_num: '13712345678',
  contacts_email: 'wanglei@example.com',
  applied_time: '2024-05-01 10:00:00',
  business_license: '/users/wx_applications/6650a1f2c3d4e5f601234500/business_license',
  role: 0,
  name: '',
  identity_code: '',
  relate_image: '',
  reject_reason: '',
  reviewed_time: '',
  reviewer_id: 0
}
