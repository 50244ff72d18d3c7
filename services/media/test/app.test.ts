import t from 'tap'
import { build } from './helper.js'

t.test('the media service answers health and readiness', async (t) => {
  const service = await build(t)
  t.equal((await service.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200)
  const ready = await service.app.inject({ method: 'GET', url: '/readyz' })
  t.same(ready.json(), { status: 'ok', checks: { store: 'ok', bus: 'ok' } })
})

t.test('an unknown /wx path is a 404 in the /wx envelope', async (t) => {
  const service = await build(t)
  const wx = await service.inject({ method: 'GET', url: '/wx/nothing' })
  t.equal(wx.statusCode, 404)
  t.same(JSON.parse(wx.body), { message: '接口不存在', code: 'KIT_NOT_FOUND' })
})

t.test('the OpenAPI document lists every media route with its parameters and answers', async (t) => {
  const service = await build(t)
  type Schema = { properties?: Record<string, unknown>, anyOf?: Schema[] }
  type Content = Record<string, { schema: Schema }>
  type Operation = {
    parameters?: Array<{ name: string }>
    requestBody?: { content: Content }
    responses: Record<string, { content?: Content }>
  }
  const document = (await service.inject({ method: 'GET', url: '/openapi.json', user: null }))
    .json<{ paths: Record<string, Record<string, Operation>> }>()
  const paths = Object.keys(document.paths).sort()
  t.same(paths.filter((path) => path.startsWith('/wx/auto_download/')), [
    '/wx/auto_download/business_license_image', '/wx/auto_download/driving_license_image',
    '/wx/auto_download/head_image', '/wx/auto_download/honor_image', '/wx/auto_download/id_image',
    '/wx/auto_download/rtqc_image', '/wx/auto_download/vehicle_image'
  ])
  t.equal(paths.filter((path) => path.startsWith('/wx/resume_image/save/')).length, 7)
  t.ok(document.paths['/wx/images/{id}']?.get, 'image serving')
  t.ok(document.paths['/wx/jssdk/config']?.get, 'the JS-SDK configuration')
  const idImageAnswer = document.paths['/wx/auto_download/id_image']?.post?.responses['200']
  // A success or a refusal, both with status 200.
  const [idImage, refusal] = idImageAnswer?.content?.['application/json']?.schema.anyOf ?? []
  t.same(Object.keys(idImage?.properties ?? {}).sort(), [
    'id_image_back', 'id_image_back_url', 'id_image_face', 'id_image_face_url', 'message', 'url'
  ], 'the answer names the table\'s fields')
  t.same(Object.keys(refusal?.properties ?? {}).sort(), ['code', 'message'], 'or is a refusal')
  const form = document.paths['/wx/resume_image/save/id_image']?.post?.requestBody?.content['multipart/form-data']
  t.match(form?.schema.properties, {
    file: { type: 'string', format: 'binary' }, field_name: { example: 'id_image_face' }
  }, 'an upload is a form with the file, and a field name that fits the kind')
  t.ok(document.paths['/wx/auto_download/id_image']?.post?.responses.default, 'the failure envelope is documented')
})
