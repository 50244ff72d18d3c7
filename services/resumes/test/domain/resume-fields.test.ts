import t from 'tap'
import { startOfDay } from '@driver/kit'
import { clearedResumeFields, deriveResumeFields } from '../../src/domain/resume-fields.js'

const TZ = 'Asia/Shanghai'

t.test('an ID number gives birth_date, age and gender; the client\'s are never read', async (t) => {
  const fields = deriveResumeFields({ id_num: '440306198506150018' }, { year: 2024, month: 6, day: 15 }, TZ)
  t.same(fields, {
    id_num: '440306198506150018', birth_date: startOfDay({ year: 1985, month: 6, day: 15 }, TZ), age: 39, gender: '男'
  })
  t.equal(deriveResumeFields({ id_num: '440306198506150018' }, { year: 2024, month: 6, day: 14 }, TZ).age, 38,
    'the day before the birthday')
  t.equal(fields.birth_date?.toISOString(), '1985-06-14T16:00:00.000Z', 'midnight in Asia/Shanghai')
})

t.test('an invalid ID number is refused', async (t) => {
  t.throws(() => deriveResumeFields({ id_num: '440306198506150019' }, { year: 2024, month: 6, day: 15 }, TZ), {
    code: 'RESUMES_ID_NUMBER_INVALID'
  })
})

t.test('experience years from the first licence and qualification dates', async (t) => {
  const input = { dl_first_date: '2010-12-1', rtqc_first_date: '2012-6-2' }
  const fields = deriveResumeFields(input, { year: 2024, month: 6, day: 1 }, TZ)
  t.equal(fields.driving_experience, 13)
  t.equal(fields.industry_experience, 11)
  t.same(fields.dl_first_date, startOfDay({ year: 2010, month: 12, day: 1 }, TZ))
})

t.test('a date that does not exist is refused by its field\'s name', async (t) => {
  t.throws(() => deriveResumeFields({ rtqc_valid_end: '2025-2-29' }, { year: 2024, month: 6, day: 1 }, TZ), {
    code: 'KIT_VALIDATION', message: '参数错误: rtqc_valid_end'
  })
})

t.test('licence classes upper-cased, at most two salaries, image ids left to the media check', async (t) => {
  const input = {
    dl_license_class: ' a2d ',
    expected_salary: [5000, 8000, 9000],
    head_image: 'aaaaaaaaaaaaaaaaaaaaaaaa',
    real_name: '张三'
  }
  const fields = deriveResumeFields(input, { year: 2024, month: 6, day: 1 }, TZ)
  t.same(fields, { dl_license_class: 'A2D', expected_salary: [5000, 8000], real_name: '张三' })
  t.same(deriveResumeFields({ expected_salary: [] }, { year: 2024, month: 6, day: 1 }, TZ), {
    expected_salary: []
  }, 'none: negotiable')
})

t.test('a blank date, ID number or image is removed with what it derives; a blank user_name is not sent', async (t) => {
  const input = { dl_first_date: '', rtqc_valid_end: '', id_num: '', head_image: '', user_name: '', real_name: '' }
  t.same(deriveResumeFields(input, { year: 2024, month: 6, day: 1 }, TZ), {
    real_name: ''
  }, 'nothing set but the blank text')
  t.same(clearedResumeFields(input).sort(), [
    'age', 'birth_date', 'dl_first_date', 'driving_experience', 'gender', 'head_image', 'head_image_url', 'id_num',
    'rtqc_valid_end'
  ])
  t.same(clearedResumeFields({ dl_first_date: '2010-12-1', real_name: '' }), [], 'values and blank text clear nothing')
})
