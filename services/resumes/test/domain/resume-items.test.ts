import t from 'tap'
import { startOfDay } from '@driver/kit'
import { checkPeriod, clearedItemFields, itemFields, parseOperation } from '../../src/domain/resume-items.js'

const TZ = 'Asia/Shanghai'

t.test('the seed\'s 12 operations, and nothing else', async (t) => {
  const kinds = ['work', 'education', 'honor', 'vehicle'] as const
  for (const action of ['add', 'update', 'delete'] as const) {
    for (const kind of kinds) t.same(parseOperation(`${action}_${kind}`), { action, kind })
  }
  for (const opt of ['add_hobor', 'ADD_WORK', 'add_work ', 'remove_work', 'add', '', 'add_work_history']) {
    t.equal(parseOperation(opt), null, JSON.stringify(opt))
  }
})

t.test('an item takes its own kind\'s fields only, dates as days in TIME_ZONE, plates upper-cased', async (t) => {
  const params = {
    opt: 'add_vehicle', plate_number: ' 沪a12345 ', vehicle_load: 14, register_date: '2019-3-1', begin: '2010-1-1',
    school_name: 'x', image_id: 'aaaaaaaaaaaaaaaaaaaaaaaa'
  }
  t.same(itemFields('vehicle', params, TZ), {
    plate_number: '沪A12345', vehicle_load: 14, register_date: startOfDay({ year: 2019, month: 3, day: 1 }, TZ)
  })
  t.same(itemFields('education', params, TZ), {
    begin: startOfDay({ year: 2010, month: 1, day: 1 }, TZ), school_name: 'x'
  })
  t.throws(() => itemFields('honor', { opt: 'add_honor', time: '2019-2-30' }, TZ), {
    code: 'KIT_VALIDATION', message: '参数错误: time'
  })
})

t.test('a period may not end before it begins', async (t) => {
  const day = (d: number) => startOfDay({ year: 2020, month: 1, day: d }, TZ)
  t.throws(() => checkPeriod({ begin: day(2), end: day(1) }), { code: 'RESUMES_DATES_REVERSED' })
  t.doesNotThrow(() => checkPeriod({ begin: day(1), end: day(1) }))
  t.doesNotThrow(() => checkPeriod({ begin: day(1) }))
})

t.test('an item\'s blank dates and image are removed, not refused; other kinds\' blanks are not its own', async (t) => {
  const params = {
    opt: 'update_vehicle', register_date: '', issued_date: '2019-3-1', image_id: '', end: '', plate_number: ''
  }
  t.same(itemFields('vehicle', params, TZ), {
    issued_date: startOfDay({ year: 2019, month: 3, day: 1 }, TZ), plate_number: ''
  })
  t.same(clearedItemFields('vehicle', params), ['register_date', 'image_id', 'image_url'])
  t.same(clearedItemFields('work', params), ['end'], 'a job without an image')
})
