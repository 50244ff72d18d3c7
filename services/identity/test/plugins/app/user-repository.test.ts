import t from 'tap'
import type { NewUser } from '../../../src/domain/user.js'
import { build } from '../../helper.js'

type Tap = Parameters<typeof build>[0]

/** The service's scope, where `app.users` is. */
const buildRepository = async (t: Tap) => (await build(t)).app

const newUser = (login_name: string, fields: Partial<NewUser> = {}): NewUser => ({
  login_name, role: 0, area: '', status: 1, checked: 0, reg_app: '', reg_time: new Date(
    '2026-01-02T03:04:05Z'
  ), ...fields
})

t.test('users get increasing integer ids and a login name is taken once', async (t) => {
  const app = await buildRepository(t)
  const first = await app.users.insert(newUser('13800000001', { user_name: '张三' }))
  const second = await app.users.insert(newUser('13800000002'))
  t.equal(first?._id, 1)
  t.equal(second?._id, 2)
  t.equal(first?.login_count, 0)
  t.equal(await app.users.insert(newUser('13800000001')), null, 'the same login name again')
  t.equal((await app.users.findByLoginName('13800000001'))?.user_name, '张三')
  t.equal((await app.users.findById(2))?.login_name, '13800000002')
  t.equal(await app.users.findById(99), null)
})

t.test('of registrations of one login name at once, exactly one is stored', async (t) => {
  const app = await buildRepository(t)
  const results = await Promise.all(Array.from({ length: 8 }, () => app.users.insert(newUser('13800000003'))))
  t.equal(results.filter((user) => user !== null).length, 1)
  t.equal((await app.users.list({ pageNo: 1, pageSize: 20 })).total, 1)
})

t.test('recordLogin answers the user as before the login and records the new one', async (t) => {
  const app = await buildRepository(t)
  const user = await app.users.insert(newUser('13800000004'))
  const first = new Date('2026-03-01T04:30:00Z')
  const before = await app.users.recordLogin(user?._id ?? 0, first, '10.0.0.1')
  t.equal(before?.login_count, 0)
  t.equal(before?.login_time, undefined)
  const again = await app.users.recordLogin(user?._id ?? 0, new Date('2026-03-02T00:00:00Z'), '10.0.0.2')
  t.equal(again?.login_count, 1)
  t.same(again?.login_time, first)
  t.equal(again?.login_ip, '10.0.0.1')
  t.equal((await app.users.findById(user?._id ?? 0))?.login_count, 2)
  t.equal(await app.users.recordLogin(404, first, '10.0.0.1'), null)
})

t.test('update sets the fields given and answers the user after it', async (t) => {
  const app = await buildRepository(t)
  const user = await app.users.insert(newUser('13800000005'))
  const updated = await app.users.update(user?._id ?? 0, { city: '杭州', checked: 1 })
  t.equal(updated?.city, '杭州')
  t.equal(updated?.checked, 1)
  t.equal((await app.users.update(user?._id ?? 0, {}))?.city, '杭州')
  t.equal(await app.users.update(404, { city: 'x' }), null)
})

t.test('list filters, matches keywords literally, scopes partners and pages', async (t) => {
  const app = await buildRepository(t)
  await app.users.insert(newUser('13800000011', { user_name: '张三', city: '杭州', area: '浙江-杭州', role: 0 }))
  await app.users.insert(
    newUser('13800000012', { user_name: 'a.b*c', sign: '(hello)', area: '浙江-宁波', role: 1, checked: 1 })
  )
  await app.users.insert(newUser('13800000013', { memo: 'abc', area: '江苏', role: 0, status: 0 }))
  await app.users.insert(newUser('13800000014', { user_name: 'partner', area: '浙江', role: 5 }))

  const names = async (query: Parameters<typeof app.users.list>[0]) =>
    (await app.users.list(query)).users.map((user) => user.login_name)
  t.same(await names({ keyword: '杭州', pageNo: 1, pageSize: 20 }), ['13800000011'])
  t.same(
    await names({ keyword: 'a.b*', pageNo: 1, pageSize: 20 }),
    ['13800000012'],
    'regex characters match themselves'
  )
  t.same(await names({ keyword: '(HELLO)', pageNo: 1, pageSize: 20 }), ['13800000012'], 'case does not matter')
  t.same(await names({ keyword: '.*', pageNo: 1, pageSize: 20 }), [])
  t.same(
    await names({ keyword: '0000001', pageNo: 1, pageSize: 20 }),
    ['13800000011', '13800000012', '13800000013', '13800000014']
  )
  t.same(await names({ role: 0, status: 1, pageNo: 1, pageSize: 20 }), ['13800000011'])
  t.same(await names({ checked: 1, pageNo: 1, pageSize: 20 }), ['13800000012'])
  t.same(
    await names({ scope: { areaPrefix: '浙江', roleBelow: 5 }, pageNo: 1, pageSize: 20 }),
    ['13800000011', '13800000012']
  )
  t.same(await names({ scope: { areaPrefix: '浙江', roleBelow: 1 }, pageNo: 1, pageSize: 20 }), ['13800000011'])
  t.same(
    await names({ scope: { areaPrefix: '', roleBelow: 9 }, pageNo: 1, pageSize: 20 }).then((list) => list.length),
    4
  )

  const page = await app.users.list({ pageNo: 2, pageSize: 3 })
  t.equal(page.total, 4, 'total counts every match, not the page')
  t.same(page.users.map((user) => user._id), [4])
})
