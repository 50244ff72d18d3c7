import t from 'tap'
import { idNumberCheckCharacter, parseIdNumber } from '../../src/domain/id-number.js'

const TODAY = { year: 2024, month: 6, day: 1 }

t.test('a valid 18-digit number gives the birth date and the gender', async (t) => {
  t.same(parseIdNumber('11010519491231002X', TODAY), {
    idNum: '11010519491231002X', birth: { year: 1949, month: 12, day: 31 }, gender: '女'
  })
  t.same(parseIdNumber('440306198506150018', TODAY), {
    idNum: '440306198506150018', birth: { year: 1985, month: 6, day: 15 }, gender: '男'
  })
  t.same(parseIdNumber('310115200002291235', TODAY)?.birth, { year: 2000, month: 2, day: 29 }, 'a leap day')
  t.equal(parseIdNumber('11010519491231002x', TODAY)?.idNum, '11010519491231002X',
    'a lower-case x is stored upper-cased')
  t.equal(parseIdNumber(' 440306198506150018 ', TODAY)?.idNum, '440306198506150018', 'surrounding spaces are dropped')
})

t.test('the check character is GB 11643\'s ISO 7064 MOD 11-2', async (t) => {
  t.equal(idNumberCheckCharacter('11010519491231002'), 'X')
  t.equal(idNumberCheckCharacter('44030619850615001'), '8')
  t.equal(idNumberCheckCharacter('31011519900307123'), '9')
})

t.test('anything else is invalid', async (t) => {
  const invalid = {
    'a wrong check digit': '440306198506150019',
    'X where a digit is due': '44030619850615001X',
    '15 digits (the old format)': '440306850615001',
    '17 digits': '44030619850615001',
    'letters inside': '4403061985O6150018',
    'a leading zero': '040306198506150018',
    'no such day (2001-02-29)': '310115200102290010',
    'after today': '310115202406020019',
    'before 1900': '440524188001010014',
    'empty': ''
  }
  for (const [why, text] of Object.entries(invalid)) t.equal(parseIdNumber(text, TODAY), null, why)
})
