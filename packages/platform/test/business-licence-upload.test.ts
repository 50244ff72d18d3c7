import t from 'tap'
import { createSessionSigner } from '@driver/kit/session'
import { SIM_JPEG } from '@driver/simulators/wechat'
import { build } from './helper.js'

const DRIVER = '64b7f0c2a1b2c3d4e5f6071c'
const SOMEONE_ELSE = '64b7f0c2a1b2c3d4e5f6071d'

t.test('outside WeChat the profile page uploads a business licence from a file input and saves it in the ' +
  'profile', async (t) => {
  const { platform, base, keys } = await build(t)
  const sign = await createSessionSigner(keys.privateKey)
  const cookieOf = (user: string) => `wx_session=${sign({ sub: user })}`
  const users = platform.services.resumes.store.collection<{ _id: string, nick_name: string }>('wx_user')
  await users.insertOne({ _id: DRIVER, nick_name: 'driver' })
  await users.insertOne({ _id: SOMEONE_ELSE, nick_name: 'other' })

  // What a page's <input type=file> posts with FormData.
  const upload = async (kind: string, user = DRIVER) => {
    const form = new FormData()
    form.append('file', new Blob([SIM_JPEG], { type: 'image/jpeg' }), 'licence.jpg')
    const response = await fetch(`${base}/wx/resume_image/save/${kind}`, {
      method: 'POST', body: form, headers: { accept: '*/*', cookie: cookieOf(user) }
    })
    return JSON.parse(await response.text()) as { message: string, id: string, url: string, code?: string }
  }
  const update = async (form: Record<string, string>, user = DRIVER) => JSON.parse(await (await fetch(
    `${base}/wx/self_info/update`,
    { method: 'POST', body: new URLSearchParams(form), headers: { accept: '*/*', cookie: cookieOf(user) } }
  )).text()) as { message: string, code?: string, data?: Record<string, unknown> }

  const licence = await upload('business_license_image')
  t.same(licence, { message: 'success', url: `/wx/images/${licence.id}`, id: licence.id })
  t.match(licence.id, /^[0-9a-f]{24}$/)

  const saved = await update({ business_license_image: licence.id })
  t.match(saved, {
    message: 'success',
    data: { _id: DRIVER, business_license_image: licence.id, business_license_image_url: `/wx/images/${licence.id}` }
  })
  const image = await fetch(`${base}${licence.url}`, { headers: { cookie: cookieOf(DRIVER) } })
  t.equal(image.status, 200)
  t.same(Buffer.from(await image.arrayBuffer()), SIM_JPEG, 'the profile\'s photo is the file uploaded')
  const stranger = await fetch(`${base}${licence.url}`, { headers: { cookie: cookieOf(SOMEONE_ELSE) } })
  t.equal(stranger.status, 404, 'a business licence is its owner\'s only')

  // media.describe's table and field still decide what may be saved there.
  const head = await upload('head_image')
  t.same(await update({ business_license_image: head.id }), {
    message: '图片类型不符（应为business_license_image/business_license_image），请重新上传',
    code: 'RESUMES_IMAGE_WRONG_KIND'
  }, 'a head photo is not a licence')
  t.same(await update({ business_license_image: licence.id }, SOMEONE_ELSE), {
    message: '图片不属于当前用户，请重新上传', code: 'RESUMES_IMAGE_NOT_YOURS'
  }, 'nor is someone else\'s licence')
  const view = JSON.parse(await (await fetch(`${base}/wx/self_info/view`, { headers: { cookie: cookieOf(DRIVER) } }))
    .text()) as { data: Record<string, unknown> }
  t.equal(view.data.business_license_image, licence.id, 'the licence saved stays')
})
