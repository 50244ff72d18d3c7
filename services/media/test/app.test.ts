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
  type Content = Record<string, { schema: { properties?: Record<string, unknown> } }>
  type Operation = { parameters?: Array<{ name: string }>, responses: Record<string, { content?: Content }> }
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
  const idImage = idImageAnswer?.content?.['application/json']?.schema.properties ?? {}
  t.same(Object.keys(idImage).sort(), [
    'id_image_back', 'id_image_back_url', 'id_image_face', 'id_image_face_url', 'message', 'url'
  ], 'the answer names the table\'s fields')
  t.ok(document.paths['/wx/auto_download/id_image']?.post?.responses.default, 'the failure envelope is documented')
})
