import t from 'tap'
import { SELF_INFO_HIDDEN_FIELDS, SELF_INFO_IGNORED_FIELDS } from '../../../../src/domain/self-info-fields.js'
import type { WxUser } from '../../../../src/plugins/app/wx-user-repository.js'
import { OTHER_USER_ID, USER_ID, build, type ResumesTest } from '../../../helper.js'

const RESUME_ID = '6a1d7c2e9a3b4c5d6e7f8001'
const RELATE_ID = '6a1d7c2e9a3b4c5d6e7f8002'
const LOGIN_TIME = new Date('2024-05-01T08:00:00.000Z')

/** A user with every field of the seed's wx_user model set. */
const fullUser = (): WxUser => ({
  _id: USER_ID,
  phone: '13812345678',
  phone_verified_at: new Date('2024-05-02T09:00:00.000Z'),
  email: 'driver@example.com',
  address: '上海市浦东新区',
  nick_name: '老王',
  sex: 1,
  openid: 'o-secret-openid',
  unionid: 'u-secret-unionid',
  country: '中国',
  province: '上海',
  city: '上海',
  head_img_url: 'https://thirdwx.qlogo.cn/head/132',
  subscribe: 1,
  subscribe_scene: 'ADD_SCENE_QR_CODE',
  subscribe_time: LOGIN_TIME,
  access_token: 'ACCESS-TOKEN-SECRET',
  expires_in: 7200,
  time: LOGIN_TIME,
  refresh_token: 'REFRESH-TOKEN-SECRET',
  role: 1,
  resume_id: RESUME_ID,
  relate_time: LOGIN_TIME,
  relate_id: RELATE_ID,
  checked: 0,
  reject_reason: '',
  authenticity: false,
  relate_image: 'https://mp.weixin.qq.com/qr/1',
  name: '王师傅',
  contacts: '王',
  contacts_num: '13912345678',
  contacts_email: 'pay@example.com',
  identity_code: '310101199001011234',
  business_license_image: '6a1d7c2e9a3b4c5d6e7f8003',
  business_license_image_url: '/wx/images/6a1d7c2e9a3b4c5d6e7f8003'
})

async function withUser (t: Parameters<typeof build>[0], user: Partial<WxUser> = fullUser()): Promise<ResumesTest> {
  const service = await build(t)
  await service.app.store.collection<WxUser>('wx_user').insertOne({ _id: USER_ID, ...user })
  return service
}

const stored = async (service: ResumesTest) => service.app.store.collection<WxUser>('wx_user').findOne({ _id: USER_ID })

t.test('view answers the user without exactly the 9 fields the seed hides, resume_id included', async (t) => {
  const service = await withUser(t)
  const { status, body } = await service.wx('/wx/self_info/view')
  t.equal(status, 200)
  t.equal(body.message, 'success')
  const data = body.data as Record<string, unknown>
  const hidden: readonly string[] = SELF_INFO_HIDDEN_FIELDS
  const expected = Object.keys(fullUser()).filter((name) => !hidden.includes(name))
  t.same(Object.keys(data).sort(), expected.sort(), 'every other field of the model is there')
  t.equal(SELF_INFO_HIDDEN_FIELDS.length, 9)
  t.equal(data.resume_id, RESUME_ID)
  t.equal(data.phone_verified_at, '2024-05-02 17:00:00',
    'instants as the resume writes them, in TIME_ZONE (Asia/Shanghai)')
  for (const secret of ['o-secret-openid', 'u-secret-unionid', 'ACCESS-TOKEN-SECRET', 'REFRESH-TOKEN-SECRET']) {
    t.notMatch(JSON.stringify(body), secret)
  }
})

t.test('view by GET, and without a session it is 401', async (t) => {
  const service = await withUser(t)
  const response = await service.inject({ method: 'GET', url: '/wx/self_info/view' })
  t.equal(JSON.parse(response.body).data._id, USER_ID)
  t.equal((await service.wx('/wx/self_info/view', {}, { user: null })).status, 401)
})

t.test('a session whose user is gone gets a clear refusal', async (t) => {
  const service = await build(t)
  const { status, body } = await service.wx('/wx/self_info/view')
  t.equal(status, 401)
  t.same(body, { message: '用户不存在，请重新登录', code: 'RESUMES_WX_USER_NOT_FOUND' })
  t.equal((await service.wx('/wx/self_info/update', { city: '杭州' })).body.code, 'RESUMES_WX_USER_NOT_FOUND')
  t.equal(await service.app.store.collection('wx_user').countDocuments({}), 0, 'nothing was created')
})

t.test('update changes the fields a user owns and answers the filtered profile', async (t) => {
  const service = await withUser(t)
  const changes = {
    email: 'new@example.com', address: '杭州', nick_name: '王', sex: '2', country: '中国', province: '浙江', city: '杭州',
    head_img_url: 'https://example.com/h.jpg', contacts: '李', contacts_num: '13700000000', contacts_email: 'li@example.com'
  }
  const { body } = await service.wx('/wx/self_info/update', changes)
  t.equal(body.message, 'success')
  t.match(body.data, { ...changes, sex: 2, resume_id: RESUME_ID })
  t.notOk('openid' in (body.data as object), 'the answer is filtered as view\'s is')
  t.match(await stored(service), { ...changes, sex: 2 })
})

t.test('every protected field is ignored: the seed\'s 18, _id, phone, reject_reason, the licence url', async (t) => {
  const service = await withUser(t)
  const before = await stored(service)
  const attempt: Record<string, string> = { city: '杭州', _id: OTHER_USER_ID, phone: '13700000000', reject_reason: 'self-cleared', business_license_image_url: 'https://evil.example/x.jpg' }
  for (const name of SELF_INFO_IGNORED_FIELDS) {
    attempt[name] = name === 'authenticity' ? 'true' : name === 'role' ? '2' : `forged-${name}`
  }
  t.equal(new Set(Object.keys(attempt)).size, 17 + 5, 'the seed lists relate_image twice')
  const { body } = await service.wx('/wx/self_info/update', attempt)
  t.equal(body.message, 'success')
  const after = await stored(service)
  t.same({ ...after, city: before?.city }, before, 'only city changed')
  t.equal(after?.city, '杭州')
  t.equal(await service.app.store.collection('wx_user').countDocuments({ _id: OTHER_USER_ID }), 0)
})

t.test('protected fields sent as JSON are ignored too, and wrong types refused with nothing changed', async (t) => {
  const service = await withUser(t)
  const before = await stored(service)
  const forged = { role: 2, authenticity: true, openid: 'x', checked: 1 }
  t.equal((await service.wx('/wx/self_info/update', forged, { json: true })).body.message, 'success')
  t.match(await stored(service), { role: 1, authenticity: false, openid: 'o-secret-openid', checked: 1 })
  const wrong = [
    ['sex', '1'], ['sex', 5], ['city', { $ne: null }], ['email', ['a@b.c']], ['checked', '1'],
    ['email', 'not-an-email'], ['head_img_url', 'javascript:alert(1)']
  ] as const
  for (const [name, value] of wrong) {
    const changes = { [name]: value, nick_name: 'changed' }
    const { status, body } = await service.wx('/wx/self_info/update', changes, { json: true })
    t.equal(status, 200)
    t.same(body, { message: `参数错误: ${name}`, code: 'KIT_VALIDATION' }, `${name}: ${JSON.stringify(value)}`)
  }
  const { reject_reason: _dropped, ...kept } = before ?? fullUser()
  const after = await stored(service)
  t.type(after?.applied_time, Date, 'applying records when')
  t.same(after, { ...kept, checked: 1, applied_time: after?.applied_time }, 'nothing else changed')
})

t.test('an operator object in a form is refused', async (t) => {
  const service = await withUser(t)
  const { body } = await service.wx('/wx/self_info/update', 'city[$ne]=x&nick_name=changed')
  t.equal(body.code, 'KIT_VALIDATION')
  t.equal((await stored(service))?.nick_name, '老王')
})

t.test('checked: the user may only apply (1), from absent, 0 or -1, not once approved', async (t) => {
  const service = await withUser(t, { nick_name: 'n' })
  const users = service.app.store.collection<WxUser>('wx_user')
  t.equal((await service.wx('/wx/self_info/update', { checked: '1' })).body.message, 'success', 'from absent')
  t.equal((await stored(service))?.checked, 1)
  for (const from of [0, -1]) {
    await users.updateOne({ _id: USER_ID }, { $set: { checked: from, reject_reason: '照片不清楚' } })
    const { body } = await service.wx('/wx/self_info/update', { checked: '1' })
    t.match(body.data, { checked: 1, applied_time: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/ }, `from ${from}`)
    t.notOk('reject_reason' in (body.data as object), 'a new application drops the old rejection\'s reason')
  }
  const appliedAt = (await stored(service))?.applied_time
  t.equal((await service.wx('/wx/self_info/update', { checked: '1' })).body.message, 'success',
    'applying again while waiting')
  t.same((await stored(service))?.applied_time, appliedAt, 'a waiting application keeps its place')
  for (const value of ['2', '-1', '0', '3']) {
    t.same((await service.wx('/wx/self_info/update', { checked: value, city: 'x' })).body, {
      message: '审核状态只能提交为 1（申请审核）', code: 'RESUMES_CHECKED_INVALID'
    }, `to ${value}`)
  }
  await users.updateOne({ _id: USER_ID }, { $set: { checked: 2 } })
  t.same((await service.wx('/wx/self_info/update', { checked: '1', city: 'x' })).body, {
    message: '审核已通过，不能重新申请', code: 'RESUMES_REVIEW_LOCKED'
  })
  t.match(await stored(service), { checked: 2 })
  t.notOk((await stored(service))?.city, 'nothing changed with a refused application')
  t.equal((await service.wx('/wx/self_info/update', { city: '苏州' })).body.message, 'success',
    'an approved user still edits other fields')
  t.match(await stored(service), { checked: 2, city: '苏州' })
})

t.test('business_license_image: the user\'s own upload for that field, its url from media', async (t) => {
  const service = await withUser(t, { nick_name: 'n' })
  const { media } = service
  const mine = media.add({ owner: USER_ID, table: 'business_license_image', field: 'business_license_image' })
  const { body } = await service.wx('/wx/self_info/update', { business_license_image: mine, business_license_image_url: 'https://evil.example/x.jpg' })
  t.equal(body.message, 'success')
  t.match(body.data, { business_license_image: mine, business_license_image_url: `/wx/images/${mine}` })

  const theirs = media.add({ owner: OTHER_USER_ID, table: 'business_license_image', field: 'business_license_image' })
  const otherKind = media.add({ owner: USER_ID, table: 'id_image', field: 'id_image_face' })
  t.same((await service.wx('/wx/self_info/update', { business_license_image: theirs, city: 'x' })).body, {
    message: '图片不属于当前用户，请重新上传', code: 'RESUMES_IMAGE_NOT_YOURS'
  })
  t.equal((await service.wx('/wx/self_info/update', { business_license_image: otherKind, city: 'x' })).body.code,
    'RESUMES_IMAGE_WRONG_KIND')
  const unknown = await service.wx('/wx/self_info/update', {
    business_license_image: 'ffffffffffffffffffffffff', city: 'x'
  })
  t.equal(unknown.body.code, 'RESUMES_IMAGE_NOT_FOUND')
  t.equal((await service.wx('/wx/self_info/update', { business_license_image: 'not-an-id', city: 'x' })).body.code,
    'KIT_VALIDATION')
  t.match(await stored(service), {
    business_license_image: mine, business_license_image_url: `/wx/images/${mine}`
  }, 'the refused ones changed nothing')
  t.notOk((await stored(service))?.city)
})
