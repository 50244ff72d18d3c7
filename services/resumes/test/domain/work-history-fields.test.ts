import t from 'tap'
import { startOfDay } from '@driver/kit'
import { deriveWorkHistoryFields, type Job } from '../../src/domain/work-history-fields.js'

const TZ = 'Asia/Shanghai'
const TODAY = { year: 2024, month: 6, day: 1 }
const date = (text: string) => {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number]
  return startOfDay({ year, month, day }, TZ)
}
let entries = 0
/** A job entered after the previous one. */
const job = (fields: { begin?: string, end?: string, enterprise_name?: string }): Job => ({
  begin: fields.begin === undefined ? undefined : date(fields.begin),
  end: fields.end === undefined ? undefined : date(fields.end),
  enterprise_name: fields.enterprise_name,
  create_date: new Date(Date.UTC(2024, 0, 1) + ++entries * 1000)
})

t.test('first_work_date, end_work_date, last_company and work_experience from the jobs', async (t) => {
  const fields = deriveWorkHistoryFields([
    job({ begin: '2015-12-1', end: '2020-5-31', enterprise_name: '德邦物流' }),
    job({ begin: '2010-12-1', end: '2015-11-30', enterprise_name: '顺丰速运' })
  ], TODAY, TZ)
  t.same(fields, {
    first_work_date: date('2010-12-1'), end_work_date: date('2020-5-31'), last_company: '德邦物流', work_experience: 13
  })
})

t.test('work_experience counts full years to today', async (t) => {
  t.equal(deriveWorkHistoryFields([job({ begin: '2014-6-1' })], TODAY, TZ).work_experience, 10, 'on the anniversary')
  t.equal(deriveWorkHistoryFields([job({ begin: '2014-6-2' })], TODAY, TZ).work_experience, 9, 'a day before it')
})

t.test('the most recent job names last_company: a job still going on beats any ended one', async (t) => {
  const fields = deriveWorkHistoryFields([
    job({ begin: '2021-1-1', enterprise_name: '中通快递' }),
    job({ begin: '2015-1-1', end: '2023-1-1', enterprise_name: '德邦物流' })
  ], TODAY, TZ)
  t.equal(fields.last_company, '中通快递')
  t.same(fields.end_work_date, date('2023-1-1'), 'end_work_date is the latest known end')
})

t.test('ties go to the later begin, then to the later entry', async (t) => {
  const sameEnd = [
    job({ begin: '2019-1-1', end: '2020-1-1', enterprise_name: 'A' }),
    job({ begin: '2018-1-1', end: '2020-1-1', enterprise_name: 'B' })
  ]
  t.equal(deriveWorkHistoryFields(sameEnd, TODAY, TZ).last_company, 'A')
  const sameDates = [job({ enterprise_name: 'A' }), job({ enterprise_name: 'B' })]
  t.equal(deriveWorkHistoryFields(sameDates, TODAY, TZ).last_company, 'B')
})

t.test('without jobs (or without dates and names) the fields are absent, so the resume drops them', async (t) => {
  t.same(deriveWorkHistoryFields([], TODAY, TZ), {})
  t.same(deriveWorkHistoryFields([job({})], TODAY, TZ), {})
  t.same(deriveWorkHistoryFields([job({ begin: '2020-1-1' })], TODAY, TZ), {
    first_work_date: date('2020-1-1'), work_experience: 4
  }, 'no end yet: no end_work_date')
})
