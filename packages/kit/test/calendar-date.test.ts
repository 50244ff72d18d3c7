import t from 'tap'
import { calendarDayOf, formatCalendarDay, formatDateTime, parseCalendarDay, startOfDay } from '../src/index.js'

t.test('a form date is a day on the calendar; days that do not exist are null', async (t) => {
  t.same(parseCalendarDay('2010-12-1'), { year: 2010, month: 12, day: 1 })
  t.same(parseCalendarDay('2010-12-01'), { year: 2010, month: 12, day: 1 })
  t.same(parseCalendarDay('2000-2-29'), { year: 2000, month: 2, day: 29 })
  const refused = [
    '2010-13-1', '2010-2-30', '2001-2-29', '2010-0-1', '2010-1-0', '0999-1-1', '2010/12/1', '2010-12-1T00:00', ''
  ]
  for (const text of refused) {
    t.equal(parseCalendarDay(text), null, text)
  }
})

t.test('a day starts at its midnight in the time zone, and is shown as YYYY-MM-DD', async (t) => {
  const start = startOfDay({ year: 2010, month: 12, day: 1 }, 'Asia/Shanghai')
  t.equal(start.toISOString(), '2010-11-30T16:00:00.000Z')
  t.same(calendarDayOf(start, 'Asia/Shanghai'), { year: 2010, month: 12, day: 1 })
  t.same(calendarDayOf(start, 'UTC'), { year: 2010, month: 11, day: 30 }, 'the same instant is the day before in UTC')
  t.equal(startOfDay({ year: 2010, month: 12, day: 1 }, 'UTC').toISOString(), '2010-12-01T00:00:00.000Z')
  t.equal(startOfDay({ year: 2024, month: 3, day: 10 }, 'America/New_York').toISOString(), '2024-03-10T05:00:00.000Z',
    'midnight before a DST change')
  t.equal(startOfDay({ year: 2024, month: 3, day: 11 }, 'America/New_York').toISOString(), '2024-03-11T04:00:00.000Z',
    'midnight after it')
  t.equal(formatCalendarDay({ year: 2010, month: 2, day: 3 }), '2010-02-03')
  t.equal(formatDateTime(new Date('2024-05-01T16:30:05Z'), 'Asia/Shanghai'), '2024-05-02 00:30:05')
})
