import t from 'tap'
import { build } from '../../helper.js'

type Row = { login_name: string, user_id: number, consignors: unknown, drivers: unknown }
const names = (body: Record<string, unknown>): string[] => (body.data as Row[]).map((row) => row.login_name)

t.test('GET /users: scoped to the caller, filtered, paged', async (t) => {
  const bed = await build(t)
  const admin = await bed.addUser({ login_name: 'admin', role: 9, area: '' })
  const partner = await bed.addUser({ login_name: 'partner', role: 5, area: '浙江' })
  await bed.addUser({ login_name: 'other-admin', role: 9, area: '' })
  await bed.addUser({ login_name: 'peer', role: 5, area: '浙江-宁波' })
  await bed.addUser({ login_name: 'hz-1', area: '浙江-杭州', user_name: '张三', checked: 1 })
  await bed.addUser({ login_name: 'hz-2', area: '浙江-杭州', city: 'a.*b', status: 0 })
  await bed.addUser({ login_name: 'hz-3', area: '浙江-杭州', role: 2, sign: '(签名' })
  await bed.addUser({ login_name: 'nj-1', area: '江苏-南京', memo: 'AXB' })
  // An area that only starts like 浙江 as a regex would: 浙江 as a prefix, literally.
  await bed.addUser({ login_name: 'dot', area: '浙.江' })
  const plain = await bed.addUser({ login_name: 'plain', area: '浙江-杭州', user_name: '李四' })

  const list = async (query: string, token = admin.token) => (await bed.call('GET', `/users${query}`, { token })).body

  const everyone = await list('')
  t.match(everyone, { result: 1, total: 8, page_no: 1, page_size: 20 })
  t.same(
    names(everyone),
    ['partner', 'peer', 'hz-1', 'hz-2', 'hz-3', 'nj-1', 'dot', 'plain'],
    'an administrator: all below role 9, by id'
  )

  const partners = await list('', partner.token)
  t.same(names(partners), ['hz-1', 'hz-2', 'hz-3', 'plain'], 'a partner: lower roles whose area starts with its own')

  const ordinary = await bed.call('GET', '/users', { token: plain.token })
  t.same(
    ordinary,
    { status: 200, body: { result: 1, total: 0, page_no: 1, page_size: 20, data: [] } },
    'an ordinary user manages nobody'
  )

  t.same(names(await list('?role=2')), ['hz-3'], 'role')
  t.same(names(await list('?status=0')), ['hz-2'], 'status')
  t.same(names(await list('?checked=1')), ['hz-1'], 'checked')
  t.same(names(await list('?role=0&status=1&checked=0')), ['nj-1', 'dot', 'plain'], 'filters together')
  t.same(names(await list('?role=9')), [], 'the role filter stays within the scope')

  t.same(names(await list(`?keyword=${encodeURIComponent('张')}`)), ['hz-1'], 'keyword in user_name')
  t.same(names(await list('?keyword=hz-')), ['hz-1', 'hz-2', 'hz-3'], 'keyword in login_name')
  t.same(names(await list('?keyword=axb')), ['nj-1'], 'keyword in memo, any case')
  t.same(names(await list(`?keyword=${encodeURIComponent('.*')}`)), ['hz-2'], '.* is matched literally')
  t.same(names(await list(`?keyword=${encodeURIComponent('(')}`)), ['hz-3'], '( is matched literally')
  t.same(names(await list(`?keyword=${encodeURIComponent('a.*b')}&status=0`)), ['hz-2'])
  t.same(names(await list('?keyword=')), names(everyone), 'an empty keyword is no filter')

  const page2 = await list('?page_size=2&page_no=2')
  t.match(page2, { total: 8, page_no: 2, page_size: 2 })
  t.same(names(page2), ['hz-1', 'hz-2'])
  t.same(names(await list('?page_size=2&page_no=9')), [], 'past the end: an empty page')
  t.equal((await list('?page_size=100')).page_size, 100)
  t.same(
    names(await list(`?keyword=${encodeURIComponent('四')}`, partner.token)),
    ['plain'],
    'keyword and scope together'
  )
  t.same(names(await list('?keyword=nj', partner.token)), [], 'a keyword does not reach outside the scope')
})

t.test('GET /users: bad parameters are refused with a 400', async (t) => {
  const bed = await build(t)
  const admin = await bed.addUser({ login_name: 'admin', role: 9, area: '' })
  for (const query of [
    'page_size=101',
    'page_size=0',
    'page_no=0',
    'page_no=-1',
    'role=x',
    'role=1.5',
    'status=2',
    'checked=-1',
    `keyword=${'k'.repeat(65)}`,
    'keyword[$ne]=1',
    'role[]=1&role[]=2'
  ]) {
    const answer = await bed.call('GET', `/users?${query}`, { token: admin.token })
    t.equal(answer.status, 400, query)
    t.equal(answer.body.result, 0, query)
  }
})

t.test('GET /users: each row carries its consignor and driver records', async (t) => {
  const bed = await build(t)
  const admin = await bed.addUser({ login_name: 'admin', role: 9, area: '' })
  const owner = await bed.addUser({ login_name: '13800000001' })
  await bed.addUser({ login_name: '13800000002' })
  await bed.call(
    'POST',
    '/users/consignors',
    {
      token: owner.token,
      payload: { login_name: '13800000001', contact_name: '张三', contact_number: '13800000001', company: '米阳科技' }
    }
  )
  await bed.call(
    'POST',
    '/users/drivers',
    {
      token: owner.token,
      payload: {
        login_name: '13800000001', contact_name: '张三', contact_number: '13800000001', plate_number: '浙a12345',
        idcard_number: '330323198010101234'
      }
    }
  )
  const { body } = await bed.call('GET', '/users', { token: admin.token })
  const [withRecords, without] = body.data as Row[]
  t.same(
    withRecords?.consignors,
    { id: 1, contact_number: '13800000001', contact_name: '张三', company: '米阳科技', address: '', app_id: '' }
  )
  t.same(withRecords?.drivers, {
    id: 1, idcard_number: '330323198010101234', contact_number: '13800000001', contact_name: '张三',
    plate_number: '浙A12345', location: '', lng: null, lat: null, app_id: ''
  })
  t.same([without?.consignors, without?.drivers], [null, null])
})
