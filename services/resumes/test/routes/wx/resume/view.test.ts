import t from 'tap'
import { USER_ID, build } from '../../../helper.js'

t.test('GET and POST /wx/resume/view show the resume with its four lists expanded, in the order added', async (t) => {
  const service = await build(t, { users: true, now: new Date('2024-06-15T04:00:00Z') })
  const resumeId = (await service.call('opt', { real_name: '张三', id_num: '440306198506150018' })).body.resume_id
  const photo = service.media.add({ owner: USER_ID, table: 'vehicle_image', field: 'image_id' })
  const w1 = (await service.call('extend', {
    opt: 'add_work', begin: '2010-12-1', end: '2015-12-1', enterprise_name: '顺丰速运'
  })).body.w_id
  const w2 = (await service.call('extend', { opt: 'add_work', begin: '2016-1-1', enterprise_name: '德邦物流' })).body.w_id
  const e1 = (await service.call('extend', { opt: 'add_education', school_name: 'xx技校', begin: '2000-9-1' })).body.e_id
  const h1 = (await service.call('extend', { opt: 'add_honor', title: '先进工作者', time: '2019-1-1' })).body.h_id
  const v1 = (await service.call('extend', {
    opt: 'add_vehicle', plate_number: '沪a12345', image_id: photo, register_date: '2019-3-1'
  })).body.v_id

  for (const encoding of ['query', 'jquery'] as const) {
    const { status, body } = await service.call('view', {}, { encoding })
    t.equal(status, 200)
    t.match(body, {
      message: 'success',
      data: {
        _id: resumeId,
        real_name: '张三',
        gender: '男',
        age: 39,
        birth_date: '1985-06-15',
        first_work_date: '2010-12-01',
        end_work_date: '2015-12-01',
        last_company: '德邦物流',
        work_experience: 13,
        work_history: [
          {
            _id: w1, driver_id: resumeId, begin: '2010-12-01', end: '2015-12-01', enterprise_name: '顺丰速运',
            create_date: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/
          },
          { _id: w2, begin: '2016-01-01', enterprise_name: '德邦物流' }
        ],
        education_history: [{ _id: e1, school_name: 'xx技校', begin: '2000-09-01' }],
        honor: [{ _id: h1, title: '先进工作者', time: '2019-01-01' }],
        vehicle: [{
          _id: v1, plate_number: '沪A12345', image_id: photo, image_url: `/wx/images/${photo}`,
          register_date: '2019-03-01'
        }],
        create_date: '2024-06-15 12:00:00',
        update_date: '2024-06-15 12:00:00'
      }
    }, encoding)
    const data = body.data as Record<string, unknown>
    t.notOk('work_rev' in data, 'internal bookkeeping is not shown')
    t.notOk('end' in (data.work_history as Array<Record<string, unknown>>)[1]!, 'a job going on has no end')
  }
})

t.test('age and experience years are counted to today: before, on and after the anniversary', async (t) => {
  // 1985-06-15 in Asia/Shanghai begins at 1985-06-14T16:00Z.
  const service = await build(t, { users: true, now: new Date('2024-06-14T15:59:59Z') })
  await service.call('opt', { id_num: '440306198506150018', dl_first_date: '2010-6-15', rtqc_first_date: '2012-6-15' })
  await service.call('extend', { opt: 'add_work', begin: '2014-6-15', enterprise_name: 'x' })
  const years = async () => {
    const data = (await service.call('view')).body.data as Record<string, number>
    const { age, driving_experience: driving, industry_experience: industry, work_experience: work } = data
    return { age, driving, industry, work }
  }
  t.same(await years(), { age: 38, driving: 13, industry: 11, work: 9 }, 'the last second before the day in Shanghai')
  service.clock.now = new Date('2024-06-14T16:00:00Z')
  t.same(await years(), { age: 39, driving: 14, industry: 12, work: 10 }, 'midnight in Shanghai: the anniversary')
  service.clock.now = new Date('2024-06-16T04:00:00Z')
  t.same(await years(), { age: 39, driving: 14, industry: 12, work: 10 }, 'the day after')
})

t.test('in another TIME_ZONE the anniversary comes at that zone\'s midnight', async (t) => {
  const service = await build(t, { users: true, now: new Date('2024-06-14T16:00:00Z'), env: { TIME_ZONE: 'UTC' } })
  await service.call('opt', { id_num: '440306198506150018' })
  t.equal(((await service.call('view')).body.data as { age: number }).age, 38, 'still the 14th in UTC')
  service.clock.now = new Date('2024-06-15T00:00:00Z')
  t.equal(((await service.call('view')).body.data as { age: number }).age, 39)
})

t.test('a leap-day birthday counts on 1 March in other years', async (t) => {
  const service = await build(t, { users: true, now: new Date('2023-02-28T04:00:00Z') })
  await service.call('opt', { id_num: '310115200002291235' })
  t.equal(((await service.call('view')).body.data as { age: number }).age, 22)
  service.clock.now = new Date('2023-03-01T04:00:00Z')
  t.equal(((await service.call('view')).body.data as { age: number }).age, 23)
})

t.test('without a resume the page is told to fill one in; without a session, 401', async (t) => {
  const service = await build(t, { users: true })
  t.same((await service.call('view')).body, { message: '请先填写简历基本信息', code: 'RESUMES_NO_RESUME' })
  const anonymous = await service.inject({ method: 'GET', url: '/wx/resume/view', user: null })
  t.equal(anonymous.statusCode, 401)
  t.equal(JSON.parse(anonymous.body).code, 'KIT_UNAUTHORIZED')
})
