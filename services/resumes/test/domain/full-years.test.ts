import t from 'tap'
import { fullYearsSince } from '../../src/domain/full-years.js'

const day = (year: number, month: number, dayOfMonth: number) => ({ year, month, day: dayOfMonth })

t.test('a year is counted on the anniversary itself, not the day before', async (t) => {
  const born = day(1990, 3, 7)
  t.equal(fullYearsSince(born, day(2024, 3, 6)), 33, 'the day before the birthday')
  t.equal(fullYearsSince(born, day(2024, 3, 7)), 34, 'on the birthday')
  t.equal(fullYearsSince(born, day(2024, 3, 8)), 34, 'the day after')
  t.equal(fullYearsSince(born, day(2024, 2, 28)), 33, 'an earlier month')
  t.equal(fullYearsSince(born, day(2024, 12, 31)), 34, 'a later month')
})

t.test('29 February counts on 1 March in other years', async (t) => {
  const leap = day(2000, 2, 29)
  t.equal(fullYearsSince(leap, day(2023, 2, 28)), 22)
  t.equal(fullYearsSince(leap, day(2023, 3, 1)), 23)
  t.equal(fullYearsSince(leap, day(2024, 2, 29)), 24)
})

t.test('never negative', async (t) => {
  t.equal(fullYearsSince(day(2024, 3, 7), day(2024, 3, 7)), 0)
  t.equal(fullYearsSince(day(2030, 1, 1), day(2024, 3, 7)), 0, 'a date after today')
})
