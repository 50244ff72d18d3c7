import t from 'tap'
import { OTHER_PHONE, OTHER_USER_ID, PHONE, USER_ID, build, type Encoding } from '../../../helper.js'

/** Every basic field of the resume model, as a page's `args` would hold them. */
const BASIC_FIELDS = {
  user_name: 'zhangsan_driver',
  real_name: '张三',
  married: 1,
  birth_place: '河南 周口',
  living_place: '上海 嘉定',
  address: '上海市嘉定区 某路 1 号',
  email: 'zhangsan@example.com',
  id_num: '440306198506150018',
  education: 2,
  status: 1,
  dl_license_class: 'a2',
  dl_first_date: '2010-12-1',
  dl_valid_begin: '2016-12-01',
  dl_valid_duration: 6,
  rtqc_license_class: '货物运输驾驶员',
  rtqc_first_date: '2012-6-2',
  rtqc_valid_begin: '2018-6-2',
  rtqc_valid_end: '2024-6-1',
  want_job: true,
  remote: false,
  target_city: '上海',
  expected_regions: ['310000', '320500'],
  expected_salary: [5000, 8000, 12000],
  routes: [['上海', '杭州'], ['上海', '北京', '天津']],
  self_evaluation: '安全驾驶十年\n无事故'
}

/** What `/wx/resume/view` shows for them on 2024-06-15 in Asia/Shanghai. */
const SHOWN = {
  ...BASIC_FIELDS,
  phone: PHONE,
  dl_license_class: 'A2',
  dl_first_date: '2010-12-01',
  dl_valid_begin: '2016-12-01',
  rtqc_first_date: '2012-06-02',
  rtqc_valid_begin: '2018-06-02',
  rtqc_valid_end: '2024-06-01',
  expected_salary: [5000, 8000],
  birth_date: '1985-06-15',
  age: 39,
  gender: '男',
  driving_experience: 13,
  industry_experience: 12
}

const NOW = new Date('2024-06-15T04:00:00Z')

for (const encoding of ['jquery', 'json', 'query'] as Encoding[]) {
  const from = encoding === 'jquery'
    ? 'a jQuery $.post form'
    : encoding === 'json' ? 'a JSON body' : 'a GET query string'
  t.test(`every basic field, typed, from ${from}`, async (t) => {
    const service = await build(t, { users: true, now: NOW })
    const created = await service.call('opt', BASIC_FIELDS, { encoding })
    t.equal(created.status, 200)
    t.match(created.body, { message: 'success', resume_id: /^[0-9a-f]{24}$/ })
    const { body } = await service.call('view')
    t.match(body, { message: 'success', data: { ...SHOWN, _id: created.body.resume_id, wx_id: USER_ID } })
    const stored = await service.stored()
    t.type(stored?.dl_first_date, Date, 'dates are stored as dates')
    t.equal(stored?.dl_first_date?.toISOString(), '2010-11-30T16:00:00.000Z', 'at midnight in Asia/Shanghai')
    t.equal(stored?.married, 1)
    t.equal(stored?.want_job, true)
    t.equal(stored?.remote, false)
  })
}

t.test('the jQuery snippet\'s expectations: status 200, a body JSON.parse takes, a message', async (t) => {
  const service = await build(t, { users: true })
  const ok = await service.inject({
    method: 'POST',
    url: '/wx/resume/opt',
    headers: { accept: '*/*', 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
    payload: 'real_name=%E5%BC%A0%E4%B8%89&married=1'
  })
  t.equal(ok.statusCode, 200)
  t.equal(ok.headers['content-type'], 'text/plain; charset=utf-8', 'text, so jQuery hands JSON.parse a string')
  t.equal(JSON.parse(ok.body).message, 'success')
  const refused = await service.call('opt', { id_num: '440306198506150019' })
  t.equal(refused.status, 200)
  t.same(refused.body, { message: '身份证号码无效', code: 'RESUMES_ID_NUMBER_INVALID' })
})

t.test('the first call creates the resume and links it from wx_user; later calls update it', async (t) => {
  const service = await build(t, { users: true })
  const first = await service.call('opt', { real_name: '张三' })
  const resumeId = first.body.resume_id
  t.equal((await service.wxUser())?.resume_id, resumeId)
  const created = await service.stored()
  t.same({ user_name: created?.user_name, phone: created?.phone }, {
    user_name: PHONE, phone: PHONE
  }, 'user_name and phone default to the verified phone')
  t.same([created?.work_history, created?.education_history, created?.honor, created?.vehicle], [[], [], [], []])
  service.clock.now = new Date(service.clock.now.getTime() + 60_000)
  const second = await service.call('opt', { _id: resumeId, married: 0 })
  t.same(second.body, { message: 'success', resume_id: resumeId })
  const updated = await service.stored()
  t.match(updated, { real_name: '张三', married: 0 })
  t.same(updated?.create_date, created?.create_date, 'create_date stays')
  t.equal(updated!.update_date.getTime() - created!.update_date.getTime(), 60_000, 'update_date moves')
  t.equal(await service.app.store.collection('resume').countDocuments({}), 1)
})

t.test('the resume\'s phone is the verified one: a client cannot set it', async (t) => {
  const service = await build(t, { users: true })
  await service.call('opt', { real_name: '张三', phone: '13900000000' })
  t.equal((await service.stored())?.phone, PHONE, 'not on creation')
  await service.call('opt', { phone: '13900000000' }, { encoding: 'json' })
  t.equal(((await service.call('view')).body.data as { phone?: string }).phone, PHONE,
    'nor later, and the view shows the verified one')
})

t.test('a save brings the resume\'s phone in line with a phone verified since', async (t) => {
  const service = await build(t, { users: true })
  await service.call('opt', { real_name: '张三' })
  await service.app.store.collection('wx_user').updateOne({ _id: USER_ID }, { $set: { phone: '13700000000' } })
  await service.call('opt', { married: 1 })
  t.match(await service.stored(), {
    phone: '13700000000', user_name: PHONE
  }, 'the phone follows; a user name once set stays')
})

t.test('ten first calls at once make one resume', async (t) => {
  const service = await build(t, { users: true })
  const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => service.call('opt', {
    self_evaluation: `try ${i}`
  })))
  t.ok(answers.every(({ body }) => body.message === 'success'), 'every call succeeded')
  t.equal(new Set(answers.map(({ body }) => body.resume_id)).size, 1, 'all name one resume')
  t.equal(await service.app.store.collection('resume').countDocuments({}), 1)
  t.equal((await service.wxUser())?.resume_id, answers[0]?.body.resume_id)
})

t.test('app_id, wx_id, the derived fields and the urls are the server\'s', async (t) => {
  const service = await build(t, { users: true, now: NOW })
  await service.call('opt', {
    real_name: '张三', app_id: 'a'.repeat(24), wx_id: OTHER_USER_ID, gender: '女', age: 18, birth_date: '2000-1-1',
    driving_experience: 30, industry_experience: 30, work_experience: 30, first_work_date: '1990-1-1',
    end_work_date: '2020-1-1', last_company: 'forged',
    head_image_url: 'http://evil.example/x.jpg', create_date: '2000-1-1', work_history: ['b'.repeat(24)], work_rev: 99
  })
  const stored = await service.stored()
  t.ok(stored, 'the resume is the caller\'s (wx_id ignored)')
  const theServers = [
    'app_id', 'gender', 'age', 'birth_date', 'driving_experience', 'industry_experience', 'work_experience',
    'first_work_date', 'end_work_date', 'last_company', 'head_image_url'
  ]
  for (const field of theServers) {
    t.notOk(field in stored!, `${field} ignored`)
  }
  t.same(stored?.work_history, [])
  t.equal(stored?.work_rev, 0)
  t.not(stored?.create_date.getFullYear(), 2000)
})

t.test('an ID number is checked; its birth date, age and gender replace the old ones', async (t) => {
  const service = await build(t, { users: true, now: NOW })
  await service.call('opt', { id_num: '11010519491231002x' })
  t.match(await service.stored(), { id_num: '11010519491231002X', gender: '女', age: 74 })
  const refused = await service.call('opt', { id_num: '110105194912310021', real_name: '李四' })
  t.equal(refused.body.code, 'RESUMES_ID_NUMBER_INVALID')
  t.match(await service.stored(), { id_num: '11010519491231002X', gender: '女' }, 'nothing changed')
  t.notOk((await service.stored())?.real_name, 'not even the other fields')
  await service.call('opt', { id_num: '440306198506150018' })
  t.match((await service.call('view')).body.data, {
    id_num: '440306198506150018', gender: '男', age: 39, birth_date: '1985-06-15'
  })
})

t.test('user_name is unique', async (t) => {
  const service = await build(t, { users: true })
  t.equal((await service.call('opt', { user_name: 'driver_one' })).body.message, 'success')
  t.same((await service.call('opt', { user_name: 'driver_one' }, { user: OTHER_USER_ID })).body, {
    message: '用户名已被使用', code: 'RESUMES_USER_NAME_TAKEN'
  })
  t.equal(await service.app.store.collection('resume').countDocuments({}), 1, 'the refused first call created nothing')
  t.equal((await service.call('opt', { user_name: 'driver_one', real_name: '张三' })).body.message, 'success',
    'keeping one\'s own name is fine')
  t.equal((await service.call('opt', { real_name: '王五' }, { user: OTHER_USER_ID })).body.message, 'success',
    'without picking one')
  t.equal((await service.stored(OTHER_USER_ID))?.user_name, OTHER_PHONE,
    'the other user has their own phone as user name')
})

t.test('the verified phone is not the default user name when another resume has taken it', async (t) => {
  const service = await build(t, { users: true })
  await service.call('opt', { user_name: PHONE }, { user: OTHER_USER_ID })
  t.equal((await service.call('opt', { real_name: '张三' })).body.message, 'success')
  t.notOk((await service.stored())?.user_name)
})

t.test('_id must be the caller\'s resume', async (t) => {
  const service = await build(t, { users: true })
  const theirs = (await service.call('opt', { real_name: '王五' }, { user: OTHER_USER_ID })).body.resume_id as string
  const beforeMine = await service.call('opt', { _id: theirs, real_name: '张三' })
  t.same(beforeMine.body, { message: '简历不存在或不属于当前用户', code: 'RESUMES_RESUME_NOT_YOURS' })
  t.equal(await service.stored(), null, 'no resume was created for the caller')
  await service.call('opt', { real_name: '张三' })
  t.equal((await service.call('opt', { _id: theirs, real_name: '张三' })).body.code, 'RESUMES_RESUME_NOT_YOURS')
  t.equal((await service.stored(OTHER_USER_ID))?.real_name, '王五', 'theirs is untouched')
})

t.test('a wx_user that does not exist cannot have a resume', async (t) => {
  const service = await build(t, { users: true })
  const answer = await service.call('opt', { real_name: '张三' }, { user: 'cccccccccccccccccccccccc' })
  t.equal(answer.status, 401)
  t.equal(answer.body.code, 'RESUMES_WX_USER_NOT_FOUND')
})
