import t from 'tap'
import { build } from '../../../helper.js'

/** Each: what is sent, how, and the field the refusal names. */
const OPT_CASES: Array<[string, Record<string, unknown>, 'jquery' | 'json', string]> = [
  ['an operator object in a form', { real_name: { $ne: null } }, 'jquery', 'real_name'],
  ['an operator object in JSON', { real_name: { $ne: null } }, 'json', 'real_name'],
  ['an operator object for an id', { _id: { $gt: '' } }, 'json', '_id'],
  ['an operator object for an int', { married: { $gt: 0 } }, 'jquery', 'married'],
  ['a word for an int', { married: 'yes' }, 'jquery', 'married'],
  ['a string int in JSON', { married: '1' }, 'json', 'married'],
  ['an int out of range', { married: 2 }, 'jquery', 'married'],
  ['a fraction for an int', { education: 1.5 }, 'json', 'education'],
  ['a word for a boolean', { want_job: 'maybe' }, 'jquery', 'want_job'],
  ['a number for a string', { real_name: 12 }, 'json', 'real_name'],
  ['a list for a string', { real_name: ['张三', '李四'] }, 'jquery', 'real_name'],
  ['a word in the salary list', { expected_salary: [5000, 'lots'] }, 'jquery', 'expected_salary.1'],
  ['a negative salary', { expected_salary: [-1] }, 'json', 'expected_salary.0'],
  ['an object for a list', { expected_salary: { low: 5000 } }, 'jquery', 'expected_salary'],
  ['a flat list for routes', { routes: [{ city: '上海' }] }, 'jquery', 'routes.0'],
  ['a date of another shape', { dl_first_date: '2010/12/1' }, 'jquery', 'dl_first_date'],
  ['a date that does not exist', { dl_first_date: '2010-2-30' }, 'jquery', 'dl_first_date'],
  ['a date as a number', { dl_first_date: 20101201 }, 'json', 'dl_first_date'],
  ['a user name too long', { user_name: 'x'.repeat(33) }, 'jquery', 'user_name'],
  ['a bad email', { email: 'no-at-sign' }, 'jquery', 'email']
]

t.test('/wx/resume/opt refuses operator objects and wrong types by name, and changes nothing', async (t) => {
  const service = await build(t, { users: true })
  await service.call('opt', { real_name: '张三', married: 1 })
  const before = await service.stored()
  for (const [why, params, encoding, field] of OPT_CASES) {
    const { status, body } = await service.call('opt', { ...params, self_evaluation: 'changed' }, { encoding })
    t.equal(status, 200, why)
    t.same(body, { message: `参数错误: ${field}`, code: 'KIT_VALIDATION' }, why)
  }
  t.same(await service.stored(), before, 'the resume is as it was')
})

t.test('/wx/resume/extend refuses them too, and changes nothing', async (t) => {
  const service = await build(t, { users: true })
  const resumeId = (await service.call('opt', { real_name: '张三' })).body.resume_id as string
  const added = await service.call('extend', {
    resume_id: resumeId, opt: 'add_work', enterprise_name: '顺丰速运', begin: '2010-12-1'
  })
  const before = { resume: await service.stored(), jobs: await service.items('work_history').find({}) }
  const cases: Array<[string, Record<string, unknown>, 'jquery' | 'json', string]> = [
    ['an operator object for the resume', { resume_id: { $ne: null }, opt: 'add_work' }, 'json', 'resume_id'],
    [
      'an operator object for the item',
      { resume_id: resumeId, opt: 'delete_work', w_id: { $ne: null } }, 'jquery', 'w_id'
    ],
    ['an operator object for opt', { resume_id: resumeId, opt: { $ne: null } }, 'json', 'opt'],
    ['no opt', { resume_id: resumeId }, 'jquery', 'opt'],
    ['a word for a load', { resume_id: resumeId, opt: 'add_work', vehicle_load: 'heavy' }, 'jquery', 'vehicle_load'],
    ['a string number in JSON', { resume_id: resumeId, opt: 'add_work', team_size: '3' }, 'json', 'team_size'],
    [
      'a bad date',
      { resume_id: resumeId, opt: 'update_work', w_id: added.body.w_id, end: '2015-13-1' }, 'jquery', 'end'
    ],
    ['a bad id', { resume_id: 'abc', opt: 'add_work' }, 'jquery', 'resume_id']
  ]
  for (const [why, params, encoding, field] of cases) {
    const { status, body } = await service.call('extend', params, { encoding })
    t.equal(status, 200, why)
    t.same(body, { message: `参数错误: ${field}`, code: 'KIT_VALIDATION' }, why)
  }
  t.same({ resume: await service.stored(), jobs: await service.items('work_history').find({}) }, before,
    'nothing changed')
})
