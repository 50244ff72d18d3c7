import type { Static } from 'typebox'
import type { ResumeExtendAnswerSchema, ResumeExtendSchema } from './resume-extend.js'
import type { ResumeOptAnswerSchema, ResumeOptSchema, ResumeViewAnswerSchema } from './resume.js'
import type { SalesDriversAnswerSchema, SalesDriversQuerySchema } from './sales.js'
import type { SelfInfoAnswerSchema, UpdateSelfInfoSchema } from './wx-user.js'

/** What the API document shows for each route: a driver's resume as a page would send and see it. */
const RESUME_ID = '6650a1f2c3d4e5f601234567'
const WX_USER_ID = '6650a1f2c3d4e5f601234500'
const HEAD_IMAGE = '6650a1f2c3d4e5f6012345a1'
const WORK_ID = '6650a1f2c3d4e5f6012345b1'
const VEHICLE_ID = '6650a1f2c3d4e5f6012345c1'

export const resumeOptExample: Static<typeof ResumeOptSchema> = {
  user_name: '张建国',
  real_name: '张建国',
  married: 1,
  birth_place: '河北省石家庄市',
  living_place: '天津市滨海新区',
  id_num: '130102198503157311',
  education: 2,
  status: 1,
  dl_license_class: 'A2',
  dl_first_date: '2008-6-1',
  dl_valid_begin: '2020-6-1',
  dl_valid_duration: 10,
  rtqc_license_class: '货物运输驾驶员',
  rtqc_first_date: '2009-3-1',
  want_job: true,
  remote: true,
  target_city: '天津',
  expected_regions: ['120000', '130100'],
  expected_salary: [9000, 12000],
  routes: [['天津', '北京'], ['天津', '石家庄', '郑州']],
  self_evaluation: '十五年重卡驾驶经验，无重大事故，熟悉京津冀线路。'
}

export const resumeOptAnswerExample: Static<typeof ResumeOptAnswerSchema> = {
  message: 'success', resume_id: RESUME_ID
}

export const resumeExtendExample: Static<typeof ResumeExtendSchema> = {
  opt: 'add_work',
  begin: '2015-3-1',
  enterprise_name: '天津顺达物流有限公司',
  industry: '道路货物运输',
  enterprise_scale: 500,
  post_name: '驾驶员',
  vehicle_type: '重型半挂牵引车',
  vehicle_load: 14,
  vehicle_length: 17.5,
  description: '京津冀干线运输，月均行驶一万公里。'
}

export const resumeExtendAnswerExample: Static<typeof ResumeExtendAnswerSchema> = { message: 'success', w_id: WORK_ID }

export const resumeViewAnswerExample: Static<typeof ResumeViewAnswerSchema> = {
  message: 'success',
  data: {
    _id: RESUME_ID,
    wx_id: WX_USER_ID,
    ...resumeOptExample,
    dl_first_date: '2008-06-01',
    dl_valid_begin: '2020-06-01',
    rtqc_first_date: '2009-03-01',
    phone: '13812345678',
    head_image: HEAD_IMAGE,
    head_image_url: `/wx/images/${HEAD_IMAGE}`,
    gender: '男',
    birth_date: '1985-03-15',
    age: 39,
    driving_experience: 16,
    industry_experience: 15,
    work_experience: 9,
    first_work_date: '2015-03-01',
    last_company: '天津顺达物流有限公司',
    work_history: [{
      _id: WORK_ID,
      driver_id: RESUME_ID,
      begin: '2015-03-01',
      enterprise_name: '天津顺达物流有限公司',
      post_name: '驾驶员',
      vehicle_type: '重型半挂牵引车',
      vehicle_load: 14,
      vehicle_length: 17.5,
      create_date: '2024-05-01 08:30:00'
    }],
    education_history: [],
    honor: [],
    vehicle: [{
      _id: VEHICLE_ID,
      driver_id: RESUME_ID,
      plate_number: '津A12345',
      vehicle_type: '重型半挂牵引车',
      vehicle_model: '一汽解放J6',
      vehicle_load: 14,
      vehicle_length: 17.5,
      create_date: '2024-05-01 08:35:00'
    }],
    create_date: '2024-05-01 08:20:00',
    update_date: '2024-05-01 08:35:00'
  }
}

export const updateSelfInfoExample: Static<typeof UpdateSelfInfoSchema> = {
  nick_name: '老张', sex: 1, province: '天津', city: '天津', address: '天津市滨海新区塘沽街道'
}

export const selfInfoAnswerExample: Static<typeof SelfInfoAnswerSchema> = {
  message: 'success',
  data: {
    _id: WX_USER_ID,
    phone: '13812345678',
    phone_verified_at: '2024-05-01 08:10:00',
    nick_name: '老张',
    sex: 1,
    country: '中国',
    province: '天津',
    city: '天津',
    address: '天津市滨海新区塘沽街道',
    resume_id: RESUME_ID
  }
}

export const salesDriversQueryExample: Static<typeof SalesDriversQuerySchema> = { page_no: 1, page_size: 20 }

export const salesDriversAnswerExample: Static<typeof SalesDriversAnswerSchema> = {
  message: 'success',
  total: 1,
  page_no: 1,
  page_size: 20,
  data: [{
    relate_time: '2024-05-01 08:00:00',
    nick_name: '老张',
    subscribe: 1,
    real_name: '张建国',
    phone: '138****5678',
    want_job: true,
    driving_experience: 16,
    dl_license_class: 'A2'
  }]
}
