import t from 'tap'
import { assertChangesAllowed, manages, scopeOf, sees } from '../../src/domain/user-scope.js'

const admin = { _id: 1, role: 9, area: '' }
const partner = { _id: 2, role: 5, area: '浙江' }
const user = { _id: 3, role: 0, area: '浙江-杭州' }
const outsider = { _id: 4, role: 0, area: '江苏' }

t.test('whom a caller manages and sees', async (t) => {
  t.ok(manages(partner, user), 'a lower role in its area')
  t.notOk(manages(partner, outsider), 'not another area')
  t.notOk(manages(partner, { ...user, role: 5 }), 'not its own role')
  t.notOk(manages(partner, partner), 'not itself')
  t.ok(manages(admin, partner))
  t.notOk(manages(admin, { _id: 9, role: 9, area: '' }), 'administrators do not manage each other')
  t.notOk(manages(user, { _id: 8, role: 0, area: '浙江-杭州-西湖' }), 'an ordinary user manages nobody')
  t.ok(sees(user, user), 'everyone sees themself')
  t.notOk(sees(user, partner))
  t.same(scopeOf(partner), { areaPrefix: '浙江', roleBelow: 5 })
  t.same(scopeOf(admin), { areaPrefix: '', roleBelow: 9 })
})

t.test('which changes are allowed', async (t) => {
  const none = { profile: {}, managed: {} }
  t.doesNotThrow(
    () =>
      assertChangesAllowed(
        user,
        user,
        { ...none, profile: { city: 'x' }, password: { password: 'a', old_password: 'b' } }
      )
  )
  t.throws(
    () => assertChangesAllowed(partner, user, { ...none, profile: { city: 'x' } }),
    { code: 'IDENTITY_OWN_PROFILE_ONLY' }
  )
  t.throws(
    () => assertChangesAllowed(partner, user, { ...none, password: { password: 'a', old_password: 'b' } }),
    { code: 'IDENTITY_OWN_PROFILE_ONLY' }
  )
  t.doesNotThrow(
    () => assertChangesAllowed(partner, user, { ...none, managed: { role: 4, area: '浙江-宁波', status: 0, checked: 1 } })
  )
  t.throws(
    () => assertChangesAllowed(partner, user, { ...none, managed: { role: 5 } }),
    { code: 'IDENTITY_ROLE_NOT_GRANTABLE' }
  )
  t.throws(
    () => assertChangesAllowed(partner, user, { ...none, managed: { area: '浙' } }),
    { code: 'IDENTITY_AREA_OUTSIDE_SCOPE' }
  )
  t.throws(
    () => assertChangesAllowed(user, user, { ...none, managed: { checked: 1 } }),
    { code: 'IDENTITY_NOT_MANAGER' }
  )
  t.doesNotThrow(() => assertChangesAllowed(admin, partner, { ...none, managed: { role: 8, area: '上海' } }))
})
