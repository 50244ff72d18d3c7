import t from 'tap'
import { createSessionSigner } from '@driver/kit/session'
import { waitFor } from '@driver/testing'
import { build } from './helper.js'

const USER_ID = '64b7f0c2a1b2c3d4e5f60719'
const OTHER_USER_ID = '64b7f0c2a1b2c3d4e5f6071a'
const PHONE = '13912345670'

interface Answer {
  status: number,
  type: string | null,
  body: Record<string,
  unknown> & { message: string, code?: string }
}

t.test('a driver builds a resume through the gateway as the pages do: jQuery forms, a photo from ' +
  'WeChat, the view', async (t) => {
  const { platform, base, keys } = await build(t)
  const sign = await createSessionSigner(keys.privateKey)
  const cookies = { mine: `wx_session=${sign({ sub: USER_ID })}`, theirs: `wx_session=${sign({ sub: OTHER_USER_ID })}` }
  // jQuery's $.post: a form body (its arrays as `a[]=`, `a[0][]=`), Accept */*, then JSON.parse of the text.
  const post = async (path: string, form: Array<[string, string]>, cookie = cookies.mine): Promise<Answer> => {
    const response = await fetch(
      `${base}${path}`,
      { method: 'POST', body: new URLSearchParams(form), headers: { accept: '*/*', cookie } }
    )
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: JSON.parse(await response.text())
    }
  }

  // The user has logged in (a session names them); the phone is verified first and becomes the resume's user name.
  const users = platform.services.resumes.store.collection<{
    _id: string,
    phone?: string,
    nick_name?: string
  }>('wx_user')
  await users.insertOne({ _id: USER_ID, nick_name: 'driver' })
  t.same((await post('/wx/sms/get', [['phone', PHONE]])).body, { message: 'success' })
  const outbox = await (await fetch(`${base}/dev/sms/outbox?phone=${PHONE}`)).json() as {
    data: Array<{ code: string }>
  }
  t.same(
    (await post('/wx/sms/check', [['phone', PHONE], ['code', outbox.data[0]?.code ?? '']])).body,
    { message: 'success' }
  )
  await waitFor(
    'the phone bound to the WeChat user',
    async () => (await users.findOne({ _id: USER_ID }))?.phone === PHONE,
    5_000
  )

  // The photo goes through WeChat (the simulator) to media, which answers its id and url.
  const photo = await post('/wx/auto_download/head_image', [['server_id', 'sim-head'], ['table_name', 'head_image']])
  t.equal(photo.body.message, 'success')
  const headImage = photo.body.head_image as string

  const opt = await post('/wx/resume/opt', [
    ['real_name', '张三'], ['married', '1'], ['want_job', 'true'], ['remote', '0'], ['id_num', '11010519491231002X'],
    ['dl_license_class', 'b2'], ['dl_first_date', '2010-12-1'],
    ['expected_salary[]', '5000'], ['expected_salary[]', '8000'], ['expected_salary[]', '9000'],
    ['routes[0][]', '上海'], ['routes[0][]', '杭州'], ['routes[1][]', '北京'],
    ['head_image', headImage], ['head_image_url', 'http://evil.example/x.jpg'], ['age', '18']
  ])
  t.equal(opt.status, 200)
  t.equal(opt.type, 'text/plain; charset=utf-8', 'JSON as text, for the page\'s JSON.parse')
  t.equal(opt.body.message, 'success')
  const resumeId = opt.body.resume_id

  const work = await post(
    '/wx/resume/extend',
    [
      ['resume_id', String(resumeId)],
      ['opt', 'add_work'],
      ['begin', '2010-12-1'],
      ['end', '2015-12-1'],
      ['enterprise_name', '顺丰速运'],
      ['post_name', '司机']
    ]
  )
  t.match(work.body, { message: 'success', w_id: /^[0-9a-f]{24}$/ })

  const view = await fetch(`${base}/wx/resume/view`, { headers: { cookie: cookies.mine, accept: '*/*' } })
  t.match(JSON.parse(await view.text()), {
    message: 'success',
    data: {
      _id: resumeId,
      user_name: PHONE,
      real_name: '张三',
      married: 1,
      want_job: true,
      remote: false,
      gender: '女',
      birth_date: '1949-12-31',
      dl_license_class: 'B2',
      dl_first_date: '2010-12-01',
      expected_salary: [5000, 8000],
      routes: [['上海', '杭州'], ['北京']],
      head_image: headImage,
      head_image_url: photo.body.head_image_url,
      last_company: '顺丰速运',
      end_work_date: '2015-12-01',
      work_history: [{ _id: work.body.w_id, enterprise_name: '顺丰速运', post_name: '司机', begin: '2010-12-01' }]
    }
  })
  const image = await fetch(`${base}${String(photo.body.head_image_url)}`, { headers: { cookie: cookies.mine } })
  t.equal(image.status, 200, 'the url media gave serves the photo')
  t.equal(image.headers.get('content-type'), 'image/jpeg')
  await image.arrayBuffer()

  // The page posts its empty inputs: a blank date removes the date and its experience years, and a phone it sends is
  // not the resume's.
  const cleared = await post(
    '/wx/resume/opt',
    [['_id', String(resumeId)], ['dl_first_date', ''], ['id_num', ''], ['phone', '13000000000'], ['real_name', '张三']]
  )
  t.same(cleared.body, { message: 'success', resume_id: resumeId })
  const after = JSON.parse(
    await (await fetch(`${base}/wx/resume/view`, { headers: { cookie: cookies.mine, accept: '*/*' } })).text()
  ) as { data: Record<string, unknown> }
  t.match(after.data, { phone: PHONE, user_name: PHONE, real_name: '张三' })
  for (const field of [
    'dl_first_date', 'driving_experience', 'id_num', 'birth_date', 'age', 'gender'
  ]) t.notOk(field in after.data, `${field} removed`)

  // Another user can neither use the photo nor touch the resume.
  await users.updateOne({ _id: OTHER_USER_ID }, { $set: { nick_name: 'other' } }, { upsert: true })
  t.equal(
    (await post('/wx/resume/opt', [['head_image', headImage]], cookies.theirs)).body.code,
    'RESUMES_IMAGE_NOT_YOURS'
  )
  t.equal(
    (
      await post(
        '/wx/resume/extend',
        [['resume_id', String(resumeId)], ['opt', 'delete_work'], ['w_id', String(work.body.w_id)]],
        cookies.theirs
      )
    ).body.code,
    'RESUMES_RESUME_NOT_YOURS'
  )
  t.equal((await post('/wx/resume/opt', [['real_name', '张三']], '')).status, 401, 'no session, no resume')
})
