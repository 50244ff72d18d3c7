import t from 'tap'
import { createHash } from 'node:crypto'
import { build, USER_ID } from '../../../helper.js'

const TABLES = {
  head_image: ['head_image'],
  id_image: ['id_image_face', 'id_image_back'],
  honor_image: ['image_id'],
  vehicle_image: ['image_id'],
  driving_license_image: ['dl_image'],
  rtqc_image: ['rtqc_image'],
  business_license_image: ['business_license_image']
} as const

t.test('every table and field: the photo is fetched, stored, ' +
  'and answered under the names the page reads', async (t) => {
  const service = await build(t)
  let stored = 0
  for (const [table, fields] of Object.entries(TABLES)) {
    for (const field of fields) {
      const { status, body } = await service.download(table, {
        server_id: `sim-${table}-${field}`, table_name: table, field_name: field, db: 'mongo_db2'
      })
      t.equal(status, 200)
      const id = String(body[field])
      t.match(id, /^[0-9a-f]{24}$/, `${table}.${field}`)
      t.same(body, { message: 'success', [field]: id, [`${field}_url`]: `/wx/images/${id}`, url: `/wx/images/${id}` })
      const record = await service.record(id)
      t.match(record, { owner: USER_ID, table, field, contentType: 'image/jpeg' })
      const served = await service.inject({ method: 'GET', url: `/wx/images/${id}` })
      t.equal(createHash('sha256').update(served.rawPayload).digest('hex'), record?.sha256,
        'the bytes served are the bytes stored')
      t.equal(served.rawPayload.length, record?.length)
      stored++
    }
  }
  t.same(await service.stored(), { records: stored, files: stored * 2 })
})

t.test('field_name may be left out where the table has one; table_name may be left out', async (t) => {
  const service = await build(t)
  const { body } = await service.download('driving_license_image', { server_id: 'sim-1' })
  t.match(body, { message: 'success', dl_image: /^[0-9a-f]{24}$/, dl_image_url: /^\/wx\/images\// })
  t.same(await service.download('id_image', { server_id: 'sim-1', table_name: 'id_image' }), {
    status: 200, body: { message: '请指定 field_name（id_image_face 或 id_image_back）', code: 'MEDIA_FIELD_REQUIRED' }
  })
})

t.test('a table_name that is not the path\'s, or another table\'s field, ' +
  'is refused before WeChat is asked', async (t) => {
  const service = await build(t)
  const otherTable = await service.download('head_image', {
    server_id: 'sim-1', table_name: 'id_image', field_name: 'id_image_face'
  })
  t.same(otherTable.body, { message: 'table_name 与上传地址不一致', code: 'MEDIA_TABLE_MISMATCH' })
  const otherField = await service.download('id_image', {
    server_id: 'sim-1', table_name: 'id_image', field_name: 'dl_image'
  })
  t.same(otherField.body, { message: 'field_name 错误，只能是 id_image_face 或 id_image_back', code: 'MEDIA_UNKNOWN_FIELD' })
  t.equal((await service.download('honor_image', { server_id: 'sim-1', field_name: 'image_url' })).body.code,
    'MEDIA_UNKNOWN_FIELD')
  t.equal(service.simulator.calls.media, 0)
  t.same(await service.stored(), { records: 0, files: 0 })
})

t.test('db is accepted and ignored; an operator object or a wrong type is refused', async (t) => {
  const service = await build(t)
  t.equal((await service.download('head_image', { server_id: 'sim-1', db: 'mongo_db' })).body.message, 'success')
  const operator = await service.inject({
    method: 'POST', url: '/wx/auto_download/head_image', payload: { server_id: 'sim-1', db: { $ne: 1 } }
  })
  t.same(JSON.parse(operator.body), { message: '参数错误: db', code: 'KIT_VALIDATION' })
  const array = await service.inject({
    method: 'POST', url: '/wx/auto_download/head_image', payload: { server_id: ['sim-1', 'sim-2'] }
  })
  t.equal(JSON.parse(array.body).code, 'KIT_VALIDATION')
  for (const serverId of ['', '../cgi-bin/token', 'sim-1&access_token=x', 'x'.repeat(200)]) {
    t.equal((await service.download('head_image', { server_id: serverId })).body.code, 'KIT_VALIDATION',
      JSON.stringify(serverId))
  }
  t.equal((await service.download('head_image', {})).body.message, '参数错误: server_id')
  t.same(await service.stored(), { records: 1, files: 2 })
})

t.test('the same parameters work as a GET query and as JSON', async (t) => {
  const service = await build(t)
  const get = await service.inject({
    method: 'GET', url: '/wx/auto_download/vehicle_image?server_id=sim-get&table_name=vehicle_image&field_name=image_id'
  })
  t.match(JSON.parse(get.body), { message: 'success', image_id: /^[0-9a-f]{24}$/ })
  const json = await service.inject({
    method: 'POST', url: '/wx/auto_download/vehicle_image', headers: { accept: 'application/json' },
    payload: { server_id: 'sim-json' }
  })
  t.equal(json.headers['content-type'], 'application/json; charset=utf-8')
  t.match(json.json(), { message: 'success', image_id_url: /^\/wx\/images\// })
})

t.test('the type is the first bytes\': a PNG is stored as one, non-image bytes are refused', async (t) => {
  const service = await build(t)
  const png = await service.download('honor_image', { server_id: 'sim-png-1' })
  t.equal((await service.record(String(png.body.image_id)))?.contentType, 'image/png')
  t.same(await service.download('honor_image', { server_id: 'sim-text-1' }), {
    status: 200, body: { message: '只能上传 JPEG、PNG、GIF 或 WebP 图片', code: 'MEDIA_NOT_AN_IMAGE' }
  })
  t.same(await service.stored(), { records: 1, files: 2 })
})

t.test('WeChat\'s invalid media_id is a Chinese refusal with a code, and nothing is stored', async (t) => {
  const service = await build(t)
  t.same(await service.download('head_image', { server_id: 'expired-or-mistyped' }), {
    status: 200, body: { message: '微信中的图片已过期或不存在，请重新选择图片', code: 'MEDIA_WECHAT_MEDIA_INVALID' }
  })
  t.same(await service.stored(), { records: 0, files: 0 })
})

t.test('an image over MEDIA_MAX_BYTES is refused, leaving no record and no partial blob', async (t) => {
  const service = await build(t, { env: { MEDIA_MAX_BYTES: String(1024 * 1024) } })
  t.same((await service.download('vehicle_image', { server_id: 'sim-big-3000000' })).body, {
    message: '图片过大，不能超过 1 MB', code: 'MEDIA_IMAGE_TOO_LARGE'
  })
  t.equal((await service.download('vehicle_image', { server_id: `sim-big-${1024 * 1024}` })).body.message, 'success',
    'exactly the limit passes')
  t.same(await service.stored(), { records: 1, files: 2 })
})

t.test('without a session nothing is fetched', async (t) => {
  const service = await build(t)
  t.same(await service.download('head_image', { server_id: 'sim-1' }, null), {
    status: 401, body: { message: '未登录', code: 'KIT_UNAUTHORIZED' }
  })
  t.equal(service.simulator.calls.media, 0)
})

t.test('an unknown table is the /wx 404', async (t) => {
  const service = await build(t)
  t.same(await service.download('resume', { server_id: 'sim-1' }), {
    status: 404, body: { message: '接口不存在', code: 'KIT_NOT_FOUND' }
  })
})
