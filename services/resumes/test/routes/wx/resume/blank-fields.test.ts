import t from 'tap'
import { PHONE, USER_ID, build, type ResumesTest } from '../../../helper.js'

const NOW = new Date('2024-06-15T04:00:00Z')

/** A page's form, as `$.post` sends it: every input, the empty ones as `name=`. */
const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString()

async function post (service: ResumesTest, path: 'opt' | 'extend', fields: Record<string, string>) {
  return service.wx(`/wx/resume/${path}`, form(fields))
}

const view = async (service: ResumesTest): Promise<Record<string, unknown>> =>
  (await service.call('view')).body.data as Record<string, unknown>

t.test('a first save with the page\'s empty inputs creates the resume without those fields', async (t) => {
  const service = await build(t, { users: true, now: NOW })
  const saved = await post(service, 'opt', {
    _id: '', user_name: '', real_name: '张三', id_num: '', dl_first_date: '', dl_valid_begin: '', rtqc_first_date: '',
    rtqc_valid_begin: '', rtqc_valid_end: '', head_image: '', dl_image: '', married: '', email: ''
  })
  t.match(saved.body, { message: 'success', resume_id: /^[0-9a-f]{24}$/ })
  const data = await view(service)
  t.match(data, {
    real_name: '张三', user_name: PHONE, email: ''
  }, 'a blank user_name keeps the default; blank text is stored blank')
  const fields = [
    'id_num', 'birth_date', 'age', 'gender', 'dl_first_date', 'driving_experience',
    'rtqc_first_date', 'industry_experience', 'head_image', 'married'
  ]
  for (const field of fields) {
    t.notOk(field in data, `${field} absent`)
  }
})

t.test('a blank date removes it and what it derives; ' +
  'a blank ID number removes it with birth date, age and gender', async (t) => {
  const service = await build(t, { users: true, now: NOW })
  const resumeId = (await service.call('opt', {
    id_num: '440306198506150018', dl_first_date: '2010-12-1', rtqc_first_date: '2012-6-2', rtqc_valid_end: '2026-6-1',
    real_name: '张三'
  })).body.resume_id as string
  t.match(await view(service), { driving_experience: 13, industry_experience: 12, age: 39, gender: '男' })

  const cleared = await post(service, 'opt', {
    _id: resumeId, dl_first_date: '', id_num: '', rtqc_valid_end: '', real_name: '张三丰'
  })
  t.same(cleared.body, { message: 'success', resume_id: resumeId }, 'the save is not refused')
  const data = await view(service)
  t.match(data, {
    real_name: '张三丰', rtqc_first_date: '2012-06-02', industry_experience: 12
  }, 'the fields sent with a value are saved, the others kept')
  const removed = ['dl_first_date', 'driving_experience', 'id_num', 'birth_date', 'age', 'gender', 'rtqc_valid_end']
  for (const field of removed) {
    t.notOk(field in data, `${field} removed`)
  }
  const stored = await service.stored()
  for (const field of ['dl_first_date', 'driving_experience', 'id_num', 'birth_date', 'age', 'gender']) {
    t.notOk(stored && field in stored, `${field} not stored`)
  }

  t.equal((await post(service, 'opt', { dl_first_date: '2015-6-1' })).body.message, 'success')
  t.match(await view(service), { dl_first_date: '2015-06-01', driving_experience: 9 }, 'set again, derived again')
})

t.test('a blank image id removes the image and its url', async (t) => {
  const service = await build(t, { users: true, now: NOW })
  const photo = service.media.add({ owner: USER_ID, table: 'head_image', field: 'head_image' })
  await service.call('opt', { head_image: photo })
  t.match(await view(service), { head_image: photo, head_image_url: `/wx/images/${photo}` })
  t.equal((await post(service, 'opt', { head_image: '' })).body.message, 'success')
  const data = await view(service)
  t.notOk('head_image' in data || 'head_image_url' in data, 'both removed')
})

t.test('a job whose end is left blank goes on: the end and the resume\'s end_work_date are removed', async (t) => {
  const service = await build(t, { users: true, now: NOW })
  const resumeId = (await service.call('opt', { real_name: '张三' })).body.resume_id as string
  const added = await post(service, 'extend', {
    resume_id: resumeId, opt: 'add_work', w_id: '', begin: '2010-12-1', end: '2015-12-1', enterprise_name: '顺丰速运'
  })
  const wId = added.body.w_id as string
  t.match(added.body, { message: 'success', w_id: /^[0-9a-f]{24}$/ }, 'a blank w_id on an add is not sent')
  const other = await post(service, 'extend', {
    resume_id: resumeId, opt: 'add_work', begin: '2016-1-1', end: '2020-1-1', enterprise_name: '中通快递'
  })
  t.match(await view(service), { end_work_date: '2020-01-01', last_company: '中通快递' })

  const updated = await post(service, 'extend', {
    resume_id: resumeId, opt: 'update_work', w_id: wId, end: '', enterprise_name: '顺丰速运'
  })
  t.same(updated.body, { message: 'success' }, 'update_work with end= is not refused')
  const data = await view(service)
  t.match(data, {
    first_work_date: '2010-12-01', end_work_date: '2020-01-01', last_company: '顺丰速运'
  }, 'the job going on is the most recent')
  const job = (data.work_history as Array<Record<string, unknown>>).find((item) => item._id === wId)
  t.notOk(job && 'end' in job, 'the job has no end')
  t.match(job, { begin: '2010-12-01', enterprise_name: '顺丰速运' })

  await post(service, 'extend', { resume_id: resumeId, opt: 'update_work', w_id: other.body.w_id as string, end: '' })
  t.notOk('end_work_date' in await view(service), 'no job ends: end_work_date removed')
})

t.test('an item added with blank dates and image has none of them; a blank id to update is missing', async (t) => {
  const service = await build(t, { users: true, now: NOW })
  await service.call('opt', { real_name: '张三' })
  const honor = await post(service, 'extend', {
    resume_id: '', opt: 'add_honor', time: '', title: '安全驾驶奖', image_id: ''
  })
  t.match(honor.body, { message: 'success', h_id: /^[0-9a-f]{24}$/ }, 'a blank resume_id is the caller\'s resume')
  const stored = await service.items('honor').findOne({ _id: honor.body.h_id as string })
  t.match(stored, { title: '安全驾驶奖' })
  t.notOk(stored && ('time' in stored || 'image_id' in stored), 'no date, no image')
  t.equal((await post(service, 'extend', { opt: 'update_honor', h_id: '', title: 'x' })).body.code,
    'RESUMES_ITEM_ID_REQUIRED')
})

t.test('an education whose begin is cleared is not checked against the old begin', async (t) => {
  const service = await build(t, { users: true, now: NOW })
  await service.call('opt', { real_name: '张三' })
  const education = await service.call('extend', { opt: 'add_education', begin: '2005-9-1', end: '2008-7-1' })
  const eId = education.body.e_id as string
  t.same((await post(service, 'extend', { opt: 'update_education', e_id: eId, begin: '', end: '2004-7-1' })).body, {
    message: 'success'
  })
  const stored = await service.items('education_history').findOne({ _id: eId })
  t.notOk(stored && 'begin' in stored, 'begin removed')
  t.equal(stored?.end?.toISOString(), '2004-06-30T16:00:00.000Z')
})

t.test('a date of the wrong shape is still refused', async (t) => {
  const service = await build(t, { users: true, now: NOW })
  t.same((await post(service, 'opt', { dl_first_date: ' ' })).body, {
    message: '参数错误: dl_first_date', code: 'KIT_VALIDATION'
  })
  t.equal(await service.stored(), null, 'nothing saved')
})
