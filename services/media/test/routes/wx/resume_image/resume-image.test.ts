import t from 'tap'
import { createHash } from 'node:crypto'
import { build, USER_ID } from '../../../helper.js'
import { GIF, JPEG, PNG, TEXT, WEBP } from '../../../fixtures/images.js'
import { multipartBody } from '../../../fixtures/multipart.js'

const KINDS = {
  head_image: 'head_image', honor_image: 'image_id', vehicle_image: 'image_id', driving_license_image: 'dl_image',
  rtqc_image: 'rtqc_image'
} as const

t.test('each kind stores one uploaded file and answers its url and id', async (t) => {
  const service = await build(t)
  for (const [kind, field] of Object.entries(KINDS)) {
    const { status, body } = await service.upload(kind, [{
      name: 'file', filename: 'photo.jpg', contentType: 'image/jpeg', data: JPEG
    }])
    t.equal(status, 200)
    t.match(body, { message: 'success', id: /^[0-9a-f]{24}$/ }, kind)
    t.equal(body.url, `/wx/images/${String(body.id)}`)
    t.match(await service.record(String(body.id)), {
      owner: USER_ID,
      table: kind,
      field,
      contentType: 'image/jpeg',
      length: JPEG.length,
      sha256: createHash('sha256').update(JPEG).digest('hex')
    })
  }
  t.same(await service.stored(), { records: 5, files: 10 }, 'each image: its bytes and their metadata file')
})

t.test('id_image takes its field from the query or from a form field before the file', async (t) => {
  const service = await build(t)
  const byQuery = await service.upload('id_image', [{ name: 'file', filename: 'a.png', data: PNG }], {
    query: '?field_name=id_image_face'
  })
  t.match(await service.record(String(byQuery.body.id)), {
    table: 'id_image', field: 'id_image_face', contentType: 'image/png'
  })
  const byField = await service.upload('id_image', [
    { name: 'field_name', value: 'id_image_back' }, { name: 'file', filename: 'a.gif', data: GIF }
  ])
  t.match(await service.record(String(byField.body.id)), {
    table: 'id_image', field: 'id_image_back', contentType: 'image/gif'
  })
  const missing = await service.upload('id_image', [{ name: 'file', filename: 'a.webp', data: WEBP }])
  t.same(missing, {
    status: 200, body: { message: '请指定 field_name（id_image_face 或 id_image_back）', code: 'MEDIA_FIELD_REQUIRED' }
  })
  const wrong = await service.upload('id_image', [{ name: 'file', filename: 'a.webp', data: WEBP }], {
    query: '?field_name=dl_image'
  })
  t.equal(wrong.body.code, 'MEDIA_UNKNOWN_FIELD')
  t.same(await service.stored(), { records: 2, files: 4 })
})

t.test('the type is the first bytes\', whatever the browser declares', async (t) => {
  const service = await build(t)
  const png = await service.upload('head_image', [{
    name: 'file', filename: 'photo.jpg', contentType: 'image/jpeg', data: PNG
  }])
  t.equal((await service.record(String(png.body.id)))?.contentType, 'image/png')
  const text = await service.upload('head_image', [{
    name: 'file', filename: 'photo.jpg', contentType: 'image/jpeg', data: TEXT
  }])
  t.same(text, { status: 200, body: { message: '只能上传 JPEG、PNG、GIF 或 WebP 图片', code: 'MEDIA_NOT_AN_IMAGE' } })
  t.same(await service.stored(), { records: 1, files: 2 }, 'the refused file left nothing')
})

t.test('a file over MEDIA_MAX_BYTES is refused and leaves no record and no partial blob', async (t) => {
  const service = await build(t, { env: { MEDIA_MAX_BYTES: String(64 * 1024) } })
  const big = Buffer.concat([JPEG, Buffer.alloc(200 * 1024)])
  const { body } = await service.upload('vehicle_image', [{ name: 'file', filename: 'big.jpg', data: big }])
  t.same(body, { message: '图片过大，不能超过 0.1 MB', code: 'MEDIA_IMAGE_TOO_LARGE' })
  const justUnder = await service.upload('vehicle_image', [{
    name: 'file', filename: 'ok.jpg', data: Buffer.concat([JPEG, Buffer.alloc(64 * 1024 - JPEG.length)])
  }])
  t.equal(justUnder.body.message, 'success', 'exactly the limit is accepted')
  t.same(await service.stored(), { records: 1, files: 2 })
})

t.test('bad uploads: no file, not multipart, a truncated body, an unknown kind', async (t) => {
  const service = await build(t)
  t.same((await service.upload('head_image', [{ name: 'note', value: 'no file' }])).body, {
    message: '请选择要上传的图片', code: 'MEDIA_NO_FILE'
  })
  const form = await service.inject({
    method: 'POST', url: '/wx/resume_image/save/head_image',
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1'
  })
  t.same(JSON.parse(form.body), { message: '请以 multipart/form-data 上传图片', code: 'MEDIA_NOT_MULTIPART' })
  const { body, contentType } = multipartBody([{
    name: 'file', filename: 'a.jpg', data: Buffer.concat([JPEG, Buffer.alloc(50_000)])
  }])
  const cut = await service.inject({
    method: 'POST', url: '/wx/resume_image/save/head_image', headers: { 'content-type': contentType },
    payload: body.subarray(0, 20_000)
  })
  t.equal(cut.statusCode, 200)
  t.same(JSON.parse(cut.body), { message: '上传内容不完整或格式错误，请重新上传', code: 'MEDIA_BAD_UPLOAD' })
  const garbage = await service.inject({
    method: 'POST', url: '/wx/resume_image/save/head_image',
    headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: 'garbage'
  })
  t.equal(JSON.parse(garbage.body).code, 'MEDIA_BAD_UPLOAD')
  const unknown = await service.upload('passport_image', [{ name: 'file', filename: 'a.jpg', data: JPEG }])
  t.same(unknown, {
    status: 404, body: { message: '接口不存在', code: 'KIT_NOT_FOUND' }
  }, 'only the seven tables are upload kinds')
  t.same(await service.stored(), { records: 0, files: 0 })
})

t.test('a second file is not read; only the first is stored', async (t) => {
  const service = await build(t)
  const { body } = await service.upload('head_image', [
    { name: 'a', filename: 'a.png', data: PNG }, { name: 'b', filename: 'b.jpg', data: JPEG }
  ])
  t.equal((await service.record(String(body.id)))?.contentType, 'image/png')
  t.same(await service.stored(), { records: 1, files: 2 })
})

t.test('without a session the upload is refused before anything is read', async (t) => {
  const service = await build(t)
  t.same(await service.upload('head_image', [{ name: 'file', filename: 'a.jpg', data: JPEG }], { user: null }), {
    status: 401, body: { message: '未登录', code: 'KIT_UNAUTHORIZED' }
  })
})
