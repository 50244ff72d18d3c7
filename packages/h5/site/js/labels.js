/* How the resume's fields and codes read in Chinese (the codes are the seed's). */
(function (window) {
  'use strict'

  var FIELDS = {
    real_name: '姓名', gender: '性别', age: '年龄', birth_date: '出生日期', phone: '手机', married: '婚姻状况',
    birth_place: '籍贯', living_place: '居住地', address: '家庭地址', email: '邮箱', id_num: '身份证号',
    education: '学历', status: '工作状态', want_job: '求职意向', remote: '外地工作', target_city: '期望城市',
    expected_salary: '期望月薪', routes: '熟悉线路', work_experience: '工作年限', last_company: '最近公司',
    self_evaluation: '自我评价', dl_license_class: '准驾车型', dl_first_date: '初次领驾驶证',
    dl_valid_begin: '驾驶证有效期起', dl_valid_duration: '驾驶证有效期限', driving_experience: '驾龄',
    rtqc_license_class: '从业资格类别', rtqc_first_date: '初次领从业资格证', rtqc_valid_begin: '资格证有效期起',
    rtqc_valid_end: '资格证有效期至', industry_experience: '从业年限'
  }

  var CODES = {
    married: { 0: '未婚', 1: '已婚', '-1': '离异' },
    education: {
      1: '初等教育（小学及以下）',
      2: '中等教育（初中、高中、职高、中专、技校）',
      3: '高等教育（大专）',
      4: '高等教育（本科及以上）'
    },
    status: { 1: '在职', 0: '离职', '-1': '个体经营' },
    want_job: { true: '正在找工作', false: '暂不找工作' },
    remote: { true: '愿意去外地', false: '不去外地' },
    enterprise_scale: { 50: '50人及以下', 100: '51–100人', 500: '101–500人', 1000: '501–1000人', '-1': '1000人以上' },
    vehicle_load: { 1.8: '1.8吨及以下', 6: '1.8–6吨', 14: '6–14吨', '-1': '14吨以上' },
    vehicle_length: { 6: '6米及以下', 9.6: '6–9.6米', 17.5: '9.6–17.5米', '-1': '17.5米以上' },
    checked: { 0: '未申请', 1: '审核中', 2: '已通过', '-1': '已驳回' }
  }

  var UNITS = {
    age: '岁', work_experience: '年', driving_experience: '年', industry_experience: '年', dl_valid_duration: '年'
  }

  /** A field's value as the driver reads it; '' when there is none. */
  function text (field, value) {
    if (value === undefined || value === null || value === '') return ''
    if (CODES[field]) return CODES[field][String(value)] || String(value)
    if (field === 'expected_salary') return value.length === 0 ? '面议' : value.join('–') + ' 元/月'
    if (field === 'routes') return value.map(function (route) { return route.join('—') }).join('；')
    return String(value) + (UNITS[field] || '')
  }

  function period (item) {
    return (item.begin || '') + ' 至 ' + (item.end || '今')
  }

  /** One line (and a second) that name an item of a resume's list. */
  var SUMMARIES = {
    work_history: function (item) {
      return [item.enterprise_name || '未填写公司', [item.post_name, period(item)].filter(Boolean).join(' · ')]
    },
    education_history: function (item) {
      return [item.school_name || '未填写学校', [item.level, item.major, period(item)].filter(Boolean).join(' · ')]
    },
    honor: function (item) {
      return [item.title || '未填写称号', [item.time, item.info].filter(Boolean).join(' · ')]
    },
    vehicle: function (item) {
      return [item.plate_number || '未填写车牌', [item.vehicle_model, item.vehicle_type].filter(Boolean).join(' · ')]
    }
  }

  window.labels = { FIELDS: FIELDS, text: text, summary: function (list, item) { return SUMMARIES[list](item) } }
})(window)
