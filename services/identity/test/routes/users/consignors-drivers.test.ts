import t from 'tap'
import { build, type Testbed } from '../../helper.js'

const CONSIGNOR = {
  contact_name: '张三', contact_number: '13812345678', company: '杭州米阳科技有限公司', address: '杭州市拱墅区北部软件园D座220室',
  device_id: 'dev-1', weixin_id: 'wx-1', jpush_sn: 'jp-1', img_org: 'org/1.jpg', img_biz: 'biz/1.jpg', memo: '货方备注'
}
const DRIVER = {
  plate_number: '浙a12345', contact_name: '李四', contact_number: '13912345678', idcard_number: '330323198010101234',
  driving_license: 'DL-1', locate_number: '13700000000', device_id: 'dev-2', weixin_id: 'wx-2', jpush_sn: 'jp-2',
  img_car: 'car/1.jpg', img_driver: 'driver/1.jpg', img_driving: 'driving/1.jpg', img_opt: 'opt/1.jpg', memo: '车方备注'
}

async function people (bed: Testbed) {
  return {
    owner: await bed.addUser({ login_name: '13812345678', area: '浙江-杭州' }),
    other: await bed.addUser({ login_name: '13912345678', area: '江苏-南京' }),
    partner: await bed.addUser({ login_name: '13700000005', role: 5, area: '浙江' })
  }
}

t.test('a consignor record: created once by its user, read and changed', async (t) => {
  const bed = await build(t)
  const { owner } = await people(bed)
  const created = await bed.call(
    'POST',
    '/users/consignors',
    { token: owner.token, payload: { login_name: owner.user.login_name, ...CONSIGNOR } }
  )
  t.same(created, { status: 200, body: { result: 1, id: 1 } })

  const read = await bed.call('GET', '/users/consignors/1', { token: owner.token })
  t.same(read.body, {
    result: 1,
    data: {
      id: 1, user_id: owner.user._id, login_name: '13812345678', company: CONSIGNOR.company, address: CONSIGNOR.address,
      contact_name: '张三', contact_number: '13812345678', decice_id: 'dev-1', device_id: 'dev-1', weixin_id: 'wx-1',
      jpush_sn: 'jp-1', img_org: 'org/1.jpg', img_biz: 'biz/1.jpg', memo: '货方备注'
    }
  }, 'the seed\'s fields, decice_id as it spells it and device_id beside it')

  const again = await bed.call(
    'POST',
    '/users/consignors',
    { token: owner.token, payload: { login_name: owner.user.login_name, ...CONSIGNOR } }
  )
  t.match(again, { status: 409, body: { result: 0, code: 'IDENTITY_CONSIGNOR_EXISTS' } }, 'one per user')

  t.same(
    await bed.call(
      'PUT',
      '/users/consignors/1',
      { token: owner.token, payload: { company: '新公司', device_id: 'dev-9' } }
    ),
    { status: 200, body: { result: 1 } }
  )
  t.match(
    (await bed.call('GET', '/users/consignors/1', { token: owner.token })).body.data,
    { company: '新公司', decice_id: 'dev-9', device_id: 'dev-9', contact_name: '张三' }
  )

  const detail = await bed.call('GET', `/users/${owner.user._id}`, { token: owner.token })
  t.same((detail.body.data as Record<string, unknown>).consignors, {
    id: 1, contact_number: '13812345678', contact_name: '张三', company: '新公司', address: CONSIGNOR.address, memo: '货方备注',
    img_idcard: '', img_org: 'org/1.jpg', img_biz: 'biz/1.jpg'
  }, 'in the user\'s details')
})

t.test('a driver record: created once, changed through /users/drivers/:id and /users/driver/:id', async (t) => {
  const bed = await build(t)
  const { owner } = await people(bed)
  const created = await bed.call(
    'POST',
    '/users/drivers',
    { token: owner.token, payload: { login_name: owner.user.login_name, ...DRIVER } }
  )
  t.same(created, { status: 200, body: { result: 1, id: 1 } })
  const read = await bed.call('GET', '/users/drivers/1', { token: owner.token })
  t.same(read.body.data, {
    id: 1, user_id: owner.user._id, login_name: '13812345678', plate_number: '浙A12345', contact_name: '李四',
    contact_number: '13912345678', idcard_number: '330323198010101234', driving_license: 'DL-1',
    locate_number: '13700000000', decice_id: 'dev-2', device_id: 'dev-2', weixin_id: 'wx-2', jpush_sn: 'jp-2',
    img_car: 'car/1.jpg', img_driver: 'driver/1.jpg', img_driving: 'driving/1.jpg', img_opt: 'opt/1.jpg', memo: '车方备注'
  })
  t.match(
    await bed.call(
      'POST',
      '/users/drivers',
      { token: owner.token, payload: { login_name: owner.user.login_name, ...DRIVER } }
    ),
    { status: 409, body: { code: 'IDENTITY_DRIVER_EXISTS' } }
  )

  t.same(
    await bed.call('PUT', '/users/drivers/1', { token: owner.token, payload: { plate_number: '苏b99999' } }),
    { status: 200, body: { result: 1 } }
  )
  t.same(
    await bed.call('PUT', '/users/driver/1', { token: owner.token, payload: { memo: '经 /users/driver/:id' } }),
    { status: 200, body: { result: 1 } },
    'the seed\'s table spelling'
  )
  t.match(
    (await bed.call('GET', '/users/drivers/1', { token: owner.token })).body.data,
    { plate_number: '苏B99999', memo: '经 /users/driver/:id' }
  )

  const detail = await bed.call('GET', `/users/${owner.user._id}`, { token: owner.token })
  t.same((detail.body.data as Record<string, unknown>).drivers, {
    id: 1, contact_number: '13912345678', contact_name: '李四', plate_number: '苏B99999', location: '', lng: null,
    lat: null, memo: '经 /users/driver/:id', img_idcard: '', img_car: 'car/1.jpg', img_driver: 'driver/1.jpg',
    img_driving: 'driving/1.jpg', img_opt: 'opt/1.jpg'
  })
})

t.test('records are added and changed only by their own user, read by their user or a manager', async (t) => {
  const bed = await build(t)
  const { owner, other, partner } = await people(bed)
  const forOther = await bed.call(
    'POST',
    '/users/consignors',
    { token: owner.token, payload: { login_name: other.user.login_name, ...CONSIGNOR } }
  )
  t.match(
    forOther,
    { status: 403, body: { code: 'IDENTITY_LOGIN_NAME_MISMATCH' } },
    'login_name must be the caller\'s own'
  )
  const driverForOther = await bed.call(
    'POST',
    '/users/drivers',
    { token: owner.token, payload: { login_name: other.user.login_name, ...DRIVER } }
  )
  t.match(driverForOther, { status: 403, body: { code: 'IDENTITY_LOGIN_NAME_MISMATCH' } })
  t.equal(await bed.app.consignors.findByUserId(other.user._id), null, 'nothing stored')

  await bed.call(
    'POST',
    '/users/consignors',
    { token: owner.token, payload: { login_name: owner.user.login_name, ...CONSIGNOR } }
  )
  await bed.call(
    'POST',
    '/users/drivers',
    { token: owner.token, payload: { login_name: owner.user.login_name, ...DRIVER } }
  )

  for (const kind of ['consignors', 'drivers']) {
    const code = kind === 'consignors' ? 'IDENTITY_CONSIGNOR_NOT_FOUND' : 'IDENTITY_DRIVER_NOT_FOUND'
    t.match(
      await bed.call('GET', `/users/${kind}/1`, { token: other.token }),
      { status: 404, body: { code } },
      `${kind}: another user cannot read it`
    )
    t.match(
      await bed.call('PUT', `/users/${kind}/1`, { token: other.token, payload: { memo: 'x' } }),
      { status: 404, body: { code } },
      `${kind}: nor change it`
    )
    t.equal(
      (await bed.call('GET', `/users/${kind}/1`, { token: partner.token })).status,
      200,
      `${kind}: the partner over its area reads it`
    )
    t.match(
      await bed.call('PUT', `/users/${kind}/1`, { token: partner.token, payload: { memo: 'x' } }),
      { status: 403, body: { code: 'IDENTITY_OWN_RECORD_ONLY' } },
      `${kind}: but does not change it`
    )
    t.match(
      await bed.call('GET', `/users/${kind}/999`, { token: owner.token }),
      { status: 404, body: { code } },
      `${kind}: unknown`
    )
  }
  t.match(
    await bed.call('PUT', '/users/driver/1', { token: other.token, payload: { memo: 'x' } }),
    { status: 404 },
    'the alias keeps the same rule'
  )
  t.equal((await bed.app.drivers.findById(1))?.memo, '车方备注')
  t.equal((await bed.app.consignors.findById(1))?.memo, '货方备注')
})

t.test('bad input on records is a 400 and stores nothing', async (t) => {
  const bed = await build(t)
  const { owner } = await people(bed)
  const login = { login_name: owner.user.login_name }
  const bad: Array<[string, string, Record<string, unknown>]> = [
    ['POST', '/users/consignors', { ...login, contact_number: '138' }],
    ['POST', '/users/consignors', { ...login, ...CONSIGNOR, contact_name: '' }],
    ['POST', '/users/consignors', { ...login, ...CONSIGNOR, company: 5 }],
    ['POST', '/users/consignors', { ...CONSIGNOR }],
    ['POST', '/users/drivers', { ...login, ...DRIVER, plate_number: undefined }],
    ['POST', '/users/drivers', { ...login, ...DRIVER, memo: { $set: 1 } }],
    ['POST', '/users/drivers', { ...login, ...DRIVER, idcard_number: '1'.repeat(19) }],
    ['POST', '/users/drivers', { ...login, ...DRIVER, idcard_number: '33032319801010123' }]
  ]
  for (const [method, url, payload] of bad) {
    const answer = await bed.call(method as 'POST', url, { token: owner.token, payload })
    t.equal(answer.status, 400, `${url} ${JSON.stringify(payload)}`)
    t.equal(answer.body.code, 'KIT_VALIDATION')
  }
  t.equal(await bed.app.consignors.findByUserId(owner.user._id), null)
  t.equal(await bed.app.drivers.findByUserId(owner.user._id), null)

  await bed.call('POST', '/users/drivers', { token: owner.token, payload: { ...login, ...DRIVER } })
  for (const payload of [{ plate_number: '' }, { memo: ['x'] }, { lng: 'x', memo: 5 }]) {
    t.equal(
      (await bed.call('PUT', '/users/drivers/1', { token: owner.token, payload })).status,
      400,
      JSON.stringify(payload)
    )
  }
  const ignored = await bed.call(
    'PUT',
    '/users/drivers/1',
    { token: owner.token, payload: { user_id: 99, _id: 5, location: 'x' } }
  )
  t.equal(ignored.status, 200, 'fields outside the form are ignored')
  t.match(await bed.app.drivers.findById(1), { user_id: owner.user._id, plate_number: '浙A12345' })
  t.notOk('location' in (await bed.app.drivers.findById(1) ?? {}))
  t.equal((await bed.call('PUT', '/users/drivers/abc', { token: owner.token, payload: {} })).status, 404)
})

t.test('two records at once for one user: one is stored, the other refused', async (t) => {
  const bed = await build(t)
  const { owner } = await people(bed)
  const payload = { login_name: owner.user.login_name, ...CONSIGNOR }
  const answers = await Promise.all(
    [1, 2, 3].map(() => bed.call('POST', '/users/consignors', { token: owner.token, payload }))
  )
  t.same(answers.map((answer) => answer.status).sort(), [200, 409, 409])
  t.equal((await bed.app.store.collection('consignors').countDocuments({})), 1)
})
