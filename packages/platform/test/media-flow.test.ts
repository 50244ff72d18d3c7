import t from 'tap'
import { createHash } from 'node:crypto'
import { createSessionSigner } from '@driver/kit/session'
import { SIM_JPEG } from '@driver/simulators/wechat'
import { build } from './helper.js'

const DRIVER = '64b7f0c2a1b2c3d4e5f60718'
const SOMEONE_ELSE = '5f1d7c2e9a3b4c5d6e7f8091'

t.test('a driver\'s photo comes from the WeChat simulator through the gateway, is served back, and is described ' +
  'to resumes', async (t) => {
  const { platform, base, keys } = await build(t)
  t.ok(platform.wechatSimulator, 'outside production, without WECHAT_API_URL, the simulator runs')
  const sign = await createSessionSigner(keys.privateKey)
  const cookieOf = (user: string) => `wx_session=${sign({ sub: user })}`

  // What the seed's page posts with jQuery after wx.uploadImage.
  const form = { server_id: 'sim-from-the-page', table_name: 'id_image', field_name: 'id_image_face', db: 'mongo_db2' }
  const anonymous = await fetch(
    `${base}/wx/auto_download/id_image`,
    { method: 'POST', body: new URLSearchParams(form) }
  )
  t.equal(anonymous.status, 401, 'no session, no download')
  const response = await fetch(
    `${base}/wx/auto_download/id_image`,
    { method: 'POST', body: new URLSearchParams(form), headers: { accept: '*/*', cookie: cookieOf(DRIVER) } }
  )
  t.equal(response.status, 200)
  t.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8', 'JSON text, for the page\'s JSON.parse')
  const answer = JSON.parse(await response.text()) as Record<string, string>
  const id = answer.id_image_face ?? ''
  t.match(id, /^[0-9a-f]{24}$/)
  t.same(
    answer,
    { message: 'success', id_image_face: id, id_image_face_url: `/wx/images/${id}`, url: `/wx/images/${id}` }
  )
  t.equal(platform.wechatSimulator?.calls.media, 1)

  const image = await fetch(`${base}${answer.url}`, { headers: { cookie: cookieOf(DRIVER) } })
  t.equal(image.status, 200)
  t.equal(image.headers.get('content-type'), 'image/jpeg')
  const bytes = Buffer.from(await image.arrayBuffer())
  t.same(bytes, SIM_JPEG, 'the bytes WeChat gave')
  const etag = `"${createHash('sha256').update(SIM_JPEG).digest('hex')}"`
  t.equal(image.headers.get('etag'), etag)
  const cached = await fetch(`${base}${answer.url}`, { headers: { cookie: cookieOf(DRIVER), 'if-none-match': etag } })
  t.equal(cached.status, 304, 'a 304 passes through the gateway')
  const stranger = await fetch(`${base}${answer.url}`, { headers: { cookie: cookieOf(SOMEONE_ELSE) } })
  t.equal(stranger.status, 404, 'an identity photo is its owner\'s only')

  t.same(await platform.services.resumes.bus.request('media.describe', { id }), {
    found: true, id, owner: DRIVER, table: 'id_image', field: 'id_image_face', contentType: 'image/jpeg',
    length: SIM_JPEG.length, url: `/wx/images/${id}`
  }, 'resumes learns whose image it is over the in-process bus')

  const invalid = await fetch(
    `${base}/wx/auto_download/head_image`,
    { method: 'POST', body: new URLSearchParams({ server_id: 'expired' }), headers: { cookie: cookieOf(DRIVER) } }
  )
  t.same(JSON.parse(await invalid.text()), { message: '微信中的图片已过期或不存在，请重新选择图片', code: 'MEDIA_WECHAT_MEDIA_INVALID' })
})
