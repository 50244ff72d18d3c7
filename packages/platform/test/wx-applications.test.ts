import t, { type Test } from 'tap'
import { createSessionSigner } from '@driver/kit/session'
import { SIM_JPEG } from '@driver/simulators/wechat'
import { readQrCode } from '@driver/testing'
import { build, type TestPlatform } from './helper.js'

const ADMIN_PHONE = '13900000009'
const APPLICANT = '64b7f0c2a1b2c3d4e5f60001'
const DRIVER = '64b7f0c2a1b2c3d4e5f60002'

/** The platform with an administrator and an ordinary user-center user, and two WeChat users who logged in. */
async function reviewPlatform (t: Test) {
  const test = await build(t, { env: { IDENTITY_ADMINS: ADMIN_PHONE } })
  const admin = await test.activated(ADMIN_PHONE, 'admin-password-1')
  const partner = await test.activated('13900000001', 'user-password-1')
  const wxUsers = test.platform.services.resumes.store.collection('wx_user')
  await wxUsers.insertOne({ _id: APPLICANT, openid: 'sim_applicant', nick_name: '销售小王', phone: '13811112222' })
  await wxUsers.insertOne({ _id: DRIVER, openid: 'sim_driver', nick_name: '老李', phone: '13855556666' })
  const sign = await createSessionSigner(test.keys.privateKey)
  /** A `/wx` call as a WeChat user, as the pages post it; the answer parsed. */
  const wx = async (user: string, path: string, form: Record<string, string> = {}) => {
    const response = await fetch(`${test.base}${path}`, {
      method: 'POST', body: new URLSearchParams(form), headers: { cookie: `wx_session=${sign({ sub: user })}` }
    })
    return JSON.parse(await response.text()) as Record<string, unknown>
  }
  const image = async (user: string, path: string) =>
    await fetch(`${test.base}${path}`, { headers: { cookie: `wx_session=${sign({ sub: user })}` } })
  return { ...test, admin, partner, wxUsers, wx, image, sign }
}

/** The applicant uploads a licence photo through WeChat and applies; the photo's id. */
async function apply (test: Awaited<ReturnType<typeof reviewPlatform>>): Promise<string> {
  const upload = await test.wx(APPLICANT, '/wx/auto_download/business_license_image', { server_id: 'sim-licence' })
  const imageId = String(upload.business_license_image)
  const applied = await test.wx(APPLICANT, '/wx/self_info/update', {
    checked: '1', contacts: '王五', contacts_num: '13811112222', contacts_email: 'wang@example.com',
    business_license_image: imageId
  })
  if (applied.message !== 'success') throw new Error(`applying: ${JSON.stringify(applied)}`)
  return imageId
}

const decide = async (test: TestPlatform, token: string, body: object, id = APPLICANT) =>
  await test.send('PUT', `/users/wx_applications/${id}`, { json: body, token })

const APPROVAL = { checked: 2, role: 2, name: '顺风人力', identity_code: '91310000MA1FL0000X' }

t.test('an administrator approves an application: the person gets a QR code and sees their drivers', async (t) => {
  const test = await reviewPlatform(t)
  const notYet = await test.wx(APPLICANT, '/wx/sales/drivers')
  t.equal(notYet.code, 'RESUMES_NOT_APPROVED_SALES', 'no list before the approval')
  const imageId = await apply(test)

  const list = await test.send('GET', '/users/wx_applications', { token: test.admin.token })
  t.equal(list.status, 200)
  t.match(list.body, { result: 1, total: 1, page_no: 1, page_size: 20 })
  const [row] = list.body.data as Array<Record<string, unknown>>
  t.match(row, {
    id: APPLICANT, checked: 1, nick_name: '销售小王', phone: '13811112222', contacts: '王五',
    contacts_num: '13811112222', contacts_email: 'wang@example.com', applied_time: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
    business_license: `/users/wx_applications/${APPLICANT}/business_license`, role: 0, reject_reason: ''
  })

  const approved = await decide(test, test.admin.token, APPROVAL)
  t.equal(approved.status, 200)
  t.match(approved.body, { result: 1, data: { checked: 2, role: 2, name: '顺风人力', reviewer_id: test.admin.id } })
  const again = await decide(test, test.admin.token, { checked: -1, reject_reason: '重复' })
  t.same(again, {
    status: 409, body: { result: 0, msg: '该申请已审核，不能重复审核', code: 'IDENTITY_APPLICATION_DECIDED' }
  }, 'a decided application is not decided again')

  const profile = (await test.wx(APPLICANT, '/wx/self_info/view')).data as Record<string, unknown>
  t.match(profile, {
    checked: 2, role: 2, name: '顺风人力', identity_code: '91310000MA1FL0000X', authenticity: true,
    relate_image: `${test.wechat.url}/cgi-bin/showqrcode?ticket=`
  })
  const page = await fetch(`${test.base}/wx/html/sales.html`)
  const csp = page.headers.get('content-security-policy') ?? ''
  t.ok(csp.split('; ').some((part) => part.startsWith('img-src ') && part.includes(new URL(test.wechat.url).origin)),
    'the H5 page may show the QR code from the simulator that shows it')
  const qr = await fetch(String(profile.relate_image))
  t.equal(qr.status, 200)
  t.equal(qr.headers.get('content-type'), 'image/png')
  const held = readQrCode(Buffer.from(await qr.arrayBuffer()))
  t.match(held, new RegExp(`\\?scene=${APPLICANT}$`), 'the QR code carries the person\'s id as its scene')
  t.same(await test.wx(APPLICANT, '/wx/self_info/update', { checked: '1' }), {
    message: '审核已通过，不能重新申请', code: 'RESUMES_REVIEW_LOCKED'
  })

  // Attribution comes from WeChat's follow events; here it is set as they would set it.
  await test.wx(DRIVER, '/wx/resume/opt', {
    real_name: '李四', want_job: 'true', dl_license_class: 'a2', dl_first_date: '2010-3-1'
  })
  await test.wxUsers.updateOne({ _id: DRIVER }, {
    $set: { relate_id: APPLICANT, relate_time: new Date('2026-12-01T02:00:00Z'), subscribe: 1 }
  })
  const drivers = await test.wx(APPLICANT, '/wx/sales/drivers')
  t.match(drivers, { message: 'success', total: 1, page_no: 1, page_size: 20 })
  t.same((drivers.data as unknown[])[0], {
    relate_time: '2026-12-01 10:00:00', nick_name: '老李', subscribe: 1, real_name: '李四', phone: '138****6666',
    want_job: true, driving_experience: (drivers.data as Array<{ driving_experience: number }>)[0]?.driving_experience,
    dl_license_class: 'A2'
  })
  t.ok(((drivers.data as Array<{ driving_experience: number }>)[0]?.driving_experience ?? 0) >= 16)
  t.match(await test.wx(DRIVER, '/wx/sales/drivers'), { code: 'RESUMES_NOT_APPROVED_SALES' }, 'a driver sees none')
  t.equal((await test.image(APPLICANT, `/wx/images/${imageId}`)).status, 200, 'the owner still sees the photo')
})

t.test('only administrators review, and only they and the owner see the licence photo', async (t) => {
  const test = await reviewPlatform(t)
  const imageId = await apply(test)
  const refused = {
    status: 403, body: { result: 0, msg: '仅管理员可以审核销售人员和中介商的申请', code: 'IDENTITY_REVIEWER_ONLY' }
  }
  t.same(await test.send('GET', '/users/wx_applications', { token: test.partner.token }), refused)
  t.same(await decide(test, test.partner.token, APPROVAL), refused)
  const licence = `/users/wx_applications/${APPLICANT}/business_license`
  t.same(await test.send('GET', licence, { token: test.partner.token }), refused)
  const cookie = { cookie: `wx_session=${test.sign({ sub: APPLICANT })}` }
  const bySession = await test.send('GET', '/users/wx_applications', { headers: cookie })
  t.equal(bySession.status, 401, 'a WeChat session is not a /users token')
  t.equal((await test.send('GET', licence, { headers: cookie })).status, 401)

  const photo = await fetch(`${test.base}${licence}`, { headers: { authorization: `Bearer ${test.admin.token}` } })
  t.equal(photo.status, 200)
  t.equal(photo.headers.get('content-type'), 'image/jpeg')
  t.equal(photo.headers.get('cache-control'), 'private, no-store')
  t.same(Buffer.from(await photo.arrayBuffer()), SIM_JPEG, 'the reviewer sees the photo WeChat gave')
  t.equal((await test.image(APPLICANT, `/wx/images/${imageId}`)).status, 200, 'the owner sees it')
  t.equal((await test.image(DRIVER, `/wx/images/${imageId}`)).status, 404, 'another WeChat user does not')
  t.equal((await fetch(`${test.base}/wx/images/${imageId}`)).status, 401, 'nor anyone without a session')

  const unknown = '64b7f0c2a1b2c3d4e5f6ffff'
  t.match(await decide(test, test.admin.token, APPROVAL, unknown), {
    status: 404, body: { code: 'IDENTITY_APPLICATION_NOT_FOUND' }
  })
  t.match(await test.send('GET', `/users/wx_applications/${DRIVER}/business_license`, { token: test.admin.token }), {
    status: 404, body: { code: 'IDENTITY_APPLICATION_NOT_FOUND' }
  }, 'someone who never applied has no application to look at')
})

t.test('a rejection’s reason reaches the applicant, who may apply again', async (t) => {
  const test = await reviewPlatform(t)
  await apply(test)
  t.match(await decide(test, test.admin.token, { checked: -1, reject_reason: '  ' }), {
    status: 400, body: { code: 'IDENTITY_REJECT_REASON_REQUIRED' }
  })
  t.match(await decide(test, test.admin.token, { checked: 2, role: 1 }), {
    status: 400, body: { code: 'IDENTITY_APPROVAL_FIELDS' }
  })
  const rejected = await decide(test, test.admin.token, { checked: -1, reject_reason: '营业执照照片不清晰' })
  t.match(rejected, { status: 200, body: { data: { checked: -1, reject_reason: '营业执照照片不清晰' } } })
  t.match((await test.wx(APPLICANT, '/wx/self_info/view')).data, { checked: -1, reject_reason: '营业执照照片不清晰' })

  const reapplied = await test.wx(APPLICANT, '/wx/self_info/update', { checked: '1', contacts: '王五（新）' })
  t.equal(reapplied.message, 'success')
  const data = reapplied.data as Record<string, unknown>
  t.match(data, { checked: 1, contacts: '王五（新）' })
  t.notOk('reject_reason' in data, 'the old reason is gone')
  const waiting = await test.send('GET', '/users/wx_applications?checked=1', { token: test.admin.token })
  t.match(waiting.body, { total: 1, data: [{ id: APPLICANT, contacts: '王五（新）' }] })
  const rejectedList = await test.send('GET', '/users/wx_applications?checked=-1', { token: test.admin.token })
  t.match(rejectedList.body, { total: 0 })
  t.match(await decide(test, test.admin.token, APPROVAL), { status: 200, body: { data: { checked: 2 } } })
})

t.test('two decisions at once: one is taken, the other answers 409', async (t) => {
  const test = await reviewPlatform(t)
  await apply(test)
  const answers = await Promise.all([
    decide(test, test.admin.token, APPROVAL),
    decide(test, test.admin.token, { checked: -1, reject_reason: '资料不全' })
  ])
  t.same(answers.map((answer) => answer.status).sort(), [200, 409])
  const winner = answers.find((answer) => answer.status === 200)?.body.data as { checked: number }
  const stored = (await test.wx(APPLICANT, '/wx/self_info/view')).data as Record<string, unknown>
  t.equal(stored.checked, winner.checked, 'the stored state is the decision that was answered')
  t.equal('reject_reason' in stored, winner.checked === -1)
  t.equal('relate_image' in stored, winner.checked === 2)
})
