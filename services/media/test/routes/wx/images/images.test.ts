import t from 'tap'
import { createHash } from 'node:crypto'
import { build, OTHER_USER_ID, USER_ID, type MediaTest } from '../../../helper.js'
import { JPEG, PNG } from '../../../fixtures/images.js'

async function uploaded (service: MediaTest, kind: string, data: Buffer, query = ''): Promise<string> {
  const { body } = await service.upload(kind, [{ name: 'file', filename: 'x', data }], { query })
  return String(body.id)
}

const NOT_FOUND = { message: '图片不存在', code: 'MEDIA_IMAGE_NOT_FOUND' }

t.test('an image is served with its type, length, ETag and a year of private, immutable caching', async (t) => {
  const service = await build(t)
  const id = await uploaded(service, 'head_image', PNG)
  const response = await service.inject({ method: 'GET', url: `/wx/images/${id}` })
  t.equal(response.statusCode, 200)
  t.same(response.rawPayload, PNG)
  t.match(response.headers, {
    'content-type': 'image/png',
    'content-length': String(PNG.length),
    etag: `"${createHash('sha256').update(PNG).digest('hex')}"`,
    'cache-control': 'private, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff'
  })
})

t.test('If-None-Match with the ETag answers 304 without the bytes', async (t) => {
  const service = await build(t)
  const id = await uploaded(service, 'vehicle_image', JPEG)
  const etag = String((await service.inject({ method: 'GET', url: `/wx/images/${id}` })).headers.etag)
  for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
    const cached = await service.inject({
      method: 'GET', url: `/wx/images/${id}`, headers: { 'if-none-match': ifNoneMatch }
    })
    t.equal(cached.statusCode, 304, ifNoneMatch)
    t.equal(cached.rawPayload.length, 0)
    t.notOk(cached.headers['content-length'] ?? cached.headers['content-type'],
      'nothing says a body follows (a proxy would wait for it)')
    t.equal(cached.headers.etag, etag)
    t.equal(cached.headers['cache-control'], 'private, max-age=31536000, immutable')
  }
  const stale = await service.inject({
    method: 'GET', url: `/wx/images/${id}`, headers: { 'if-none-match': '"something-else"' }
  })
  t.equal(stale.statusCode, 200)
  t.same(stale.rawPayload, JPEG)
})

t.test('identity and licence photos are their owner\'s only: anyone else gets what an unknown id gets', async (t) => {
  const service = await build(t)
  const personal = [
    await uploaded(service, 'id_image', JPEG, '?field_name=id_image_face'),
    await uploaded(service, 'driving_license_image', JPEG),
    await uploaded(service, 'rtqc_image', JPEG)
  ]
  for (const id of personal) {
    t.equal((await service.inject({ method: 'GET', url: `/wx/images/${id}`, user: USER_ID })).statusCode, 200,
      'the owner sees it')
    const other = await service.inject({ method: 'GET', url: `/wx/images/${id}`, user: OTHER_USER_ID })
    t.equal(other.statusCode, 404)
    t.same(JSON.parse(other.body), NOT_FOUND)
    const etag = (await service.inject({ method: 'GET', url: `/wx/images/${id}` })).headers.etag
    const probe = await service.inject({
      method: 'GET', url: `/wx/images/${id}`, user: OTHER_USER_ID, headers: { 'if-none-match': String(etag) }
    })
    t.equal(probe.statusCode, 404, 'not even a 304 to someone who guessed the tag')
  }
  for (const kind of ['head_image', 'honor_image', 'vehicle_image']) {
    const id = await uploaded(service, kind, JPEG)
    t.equal((await service.inject({ method: 'GET', url: `/wx/images/${id}`, user: OTHER_USER_ID })).statusCode, 200,
      `a ${kind} is any session's`)
  }
})

t.test('unknown and malformed ids are 404 with the /wx body; no session is 401', async (t) => {
  const service = await build(t)
  for (const id of ['0123456789abcdef01234567', 'not-an-id', '..%2F..%2Fsecrets.json', 'ABCDEF0123456789ABCDEF01']) {
    const response = await service.inject({ method: 'GET', url: `/wx/images/${id}` })
    t.equal(response.statusCode, 404, id)
    t.same(JSON.parse(response.body), NOT_FOUND)
  }
  const id = await uploaded(service, 'head_image', JPEG)
  const anonymous = await service.inject({ method: 'GET', url: `/wx/images/${id}`, user: null })
  t.equal(anonymous.statusCode, 401)
  t.same(JSON.parse(anonymous.body), { message: '未登录', code: 'KIT_UNAUTHORIZED' })
})

t.test('a failure is JSON text unless the client asks for JSON, as everywhere on /wx', async (t) => {
  const service = await build(t)
  const text = await service.inject({ method: 'GET', url: '/wx/images/0123456789abcdef01234567' })
  t.equal(text.headers['content-type'], 'text/plain; charset=utf-8')
  const json = await service.inject({
    method: 'GET', url: '/wx/images/0123456789abcdef01234567', headers: { accept: 'application/json' }
  })
  t.equal(json.headers['content-type'], 'application/json; charset=utf-8')
})
